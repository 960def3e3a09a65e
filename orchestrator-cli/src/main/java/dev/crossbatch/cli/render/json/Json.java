package dev.crossbatch.cli.render.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * JSON for --output json, the one place it is written: pretty, keys in the order given. Each
 * document is a record of this package (one per shape, docs/output-json.md), its components in
 * declaration order; lists, maps, strings, numbers and booleans inside. Written with Jackson's
 * streaming generator and its default pretty printer: the same text as an ObjectMapper, without
 * its set-up, a sizeable part of a short run (docs/decisions/0025).
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  public static String write(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render JSON", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof CharSequence text) {
      json.writeString(text.toString());
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      json.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Record record) {
      json.writeStartObject();
      fields(json, record);
      json.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        write(json, item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("not plain JSON data: " + value.getClass().getName());
    }
  }

  private static void fields(JsonGenerator json, Record record) throws IOException {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + record.getClass().getName(), e);
      }
      if (c.isAnnotationPresent(Inline.class)) {
        fields(json, (Record) v);
      } else if (v != null || !c.isAnnotationPresent(OmitWhenNull.class)) {
        json.writeFieldName(c.getName());
        write(json, v);
      }
    }
  }
}
