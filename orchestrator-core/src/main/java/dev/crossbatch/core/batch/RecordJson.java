package dev.crossbatch.core.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of strings, numbers, booleans, instants, lists, string-keyed maps and records, to and from
 * JSON with Jackson's streaming parser and generator: the text an ObjectMapper with the JavaTime
 * module writes (pretty, components in declaration order, instants as ISO-8601 strings), read back
 * as it reads it (unknown names skipped, missing ones null, 0 or false), without the mapper's
 * set-up or its deserializers found by reflection, most of a short command's time (decision 0044).
 */
final class RecordJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return Shape.of(type);
    }
  };

  private RecordJson() {}

  static byte[] write(Record value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      write(json, value);
    }
    return out.toByteArray();
  }

  static <T extends Record> T read(byte[] text, Class<T> type) throws IOException {
    try (JsonParser json = FACTORY.createParser(text)) {
      json.nextToken();
      T value = type.cast(read(json, type));
      if (json.nextToken() != null) {
        throw new IOException("more after the JSON value, at " + json.currentLocation().offsetDescription());
      }
      return value;
    }
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String || value instanceof Instant) {
      json.writeString(value.toString());
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Record record) {
      json.writeStartObject();
      Shape shape = SHAPES.get(record.getClass());
      for (int i = 0; i < shape.components.length; i++) {
        json.writeFieldName(shape.components[i].getName());
        write(json, shape.get(i, record));
      }
      json.writeEndObject();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName((String) e.getKey());
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        write(json, item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  /** The value at the parser's current token, as {@code type}; the parser is left on its last token. */
  private static Object read(JsonParser json, Type type) throws IOException {
    JsonToken token = json.currentToken();
    if (token == null) {
      throw new IOException("the JSON ends early");
    }
    Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (token == JsonToken.VALUE_NULL) {
      return absent(raw);
    }
    if (raw == String.class && token.isScalarValue()) {
      return json.getText();
    }
    if ((raw == int.class || raw == long.class) && token == JsonToken.VALUE_NUMBER_INT) {
      return raw == int.class ? (Object) json.getIntValue() : (Object) json.getLongValue();
    }
    if (raw == boolean.class && token.isBoolean()) {
      return token == JsonToken.VALUE_TRUE;
    }
    if (raw == Instant.class && token == JsonToken.VALUE_STRING) {
      try {
        return Instant.parse(json.getText());
      } catch (DateTimeException e) {
        throw unexpected(json, "an ISO-8601 instant");
      }
    }
    if (raw == List.class && token == JsonToken.START_ARRAY) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      List<Object> list = new ArrayList<>();
      while (json.nextToken() != JsonToken.END_ARRAY) {
        list.add(read(json, item));
      }
      return list;
    }
    if (raw == Map.class && token == JsonToken.START_OBJECT) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      Map<String, Object> map = new LinkedHashMap<>();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String key = json.currentName();
        json.nextToken();
        map.put(key, read(json, value));
      }
      if (json.currentToken() != JsonToken.END_OBJECT) {
        throw unexpected(json, "a name or the end of the map");
      }
      return map;
    }
    if (raw.isRecord() && token == JsonToken.START_OBJECT) {
      return SHAPES.get(raw).read(json);
    }
    throw unexpected(json, raw.getSimpleName());
  }

  /** What a null or a missing name reads as, as the ObjectMapper read it: 0 or false for a primitive, else null. */
  private static Object absent(Class<?> type) {
    return type == int.class ? (Object) 0 : type == long.class ? (Object) 0L : type == boolean.class ? (Object) false : null;
  }

  private static IOException unexpected(JsonParser json, String wanted) {
    return new IOException("expected " + wanted + ", found " + json.currentToken() + " at " + json.currentLocation().offsetDescription());
  }

  /** A record type's components, their accessors and its canonical constructor, looked up once per type. */
  private static final class Shape {
    final RecordComponent[] components;
    final Method[] accessors;
    final Map<String, Integer> index = new HashMap<>();
    final Constructor<?> constructor;

    private Shape(RecordComponent[] components, Constructor<?> constructor) {
      this.components = components;
      this.constructor = constructor;
      this.accessors = Arrays.stream(components).map(RecordComponent::getAccessor).toArray(Method[]::new);
      for (int i = 0; i < components.length; i++) {
        index.put(components[i].getName(), i);
      }
    }

    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      try {
        return new Shape(components, type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record without its canonical constructor: " + type.getName(), e);
      }
    }

    Object get(int i, Record record) {
      try {
        return accessors[i].invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + components[i].getName() + " of " + record.getClass().getName(), e);
      }
    }

    Object read(JsonParser json) throws IOException {
      Object[] args = new Object[components.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = absent(components[i].getType());
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        Integer i = index.get(json.currentName());
        json.nextToken();
        if (i == null) {
          json.skipChildren(); // written by another version: not ours to keep
        } else {
          args[i] = RecordJson.read(json, components[i].getGenericType());
        }
      }
      if (json.currentToken() != JsonToken.END_OBJECT) {
        throw unexpected(json, "a name or the end of " + constructor.getDeclaringClass().getSimpleName());
      }
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot make " + constructor.getDeclaringClass().getSimpleName() + " of what was read: " + e.getCause(), e);
      }
    }
  }
}
