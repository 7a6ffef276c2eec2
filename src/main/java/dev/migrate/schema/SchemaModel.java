package dev.migrate.schema;

/** The schema at one point of the changelog: immutable. (Skeleton: being built.) */
public final class SchemaModel {

  private SchemaModel() {}

  public static SchemaModel empty() {
    return new SchemaModel();
  }
}
