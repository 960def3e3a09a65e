package dev.crossbatch.cli.model;

import java.lang.reflect.Field;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/** An option's value kept in a field of an object, as picocli's annotation binding keeps it. */
final class FieldAccess implements IGetter, ISetter {
  private final Object object;
  private final Field field;

  FieldAccess(Object object, Field field) {
    this.object = object;
    this.field = field;
    field.setAccessible(true);
  }

  Object object() {
    return object;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get() throws IllegalAccessException {
    return (T) field.get(object);
  }

  @Override
  public <T> T set(T value) throws IllegalAccessException {
    @SuppressWarnings("unchecked")
    T old = (T) field.get(object);
    field.set(object, value);
    return old;
  }

  @Override
  public String toString() {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }
}
