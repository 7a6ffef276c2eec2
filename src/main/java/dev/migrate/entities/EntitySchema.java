package dev.migrate.entities;

import dev.migrate.MigrateException;
import dev.migrate.config.JdbcTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code -Dmigrate.desired=entities}: the project's own Hibernate ORM (6.x or 7.x, found on its
 * runtime class path; the plugin ships none) creates the schema of the project's
 * {@code @jakarta.persistence.Entity} classes in a scratch database, which autogenerate and
 * check then read as they read any live schema.
 *
 * <p>Everything runs by reflection in a class loader of its own over the project's class path,
 * whose parent is the platform loader: the project's Hibernate, Jackson or pgjdbc never meet
 * the plugin's. The scratch database reaches Hibernate as a {@link javax.sql.DataSource}, a JDK
 * type, so Hibernate needs no JDBC driver of the project's. Settings come from the project's
 * {@code hibernate.properties} (Hibernate reads it itself) and the {@code <properties>} of its
 * {@code META-INF/persistence.xml}, less the connection ones: naming strategies, the
 * enum and id settings decide the schema as they do in the application.
 *
 * <pre>
 * try (EntitySchema entities = EntitySchema.load(classPath, List.of(Path.of("target/classes")))) {
 *   entities.create(scratch.target(), "public");
 * }
 * </pre>
 */
public final class EntitySchema implements AutoCloseable {

  static final String ENTITY_DESCRIPTOR = "Ljakarta/persistence/Entity;";
  private static final String HIBERNATE = "org.hibernate.boot.MetadataSources";

  private final URLClassLoader loader;
  private final List<String> entities;

  private EntitySchema(URLClassLoader loader, List<String> entities) {
    this.loader = loader;
    this.entities = entities;
  }

  /**
   * Finds the project's Hibernate and its entities, before any database is started: a project
   * without either gets its message at once.
   *
   * @param classPath the project's runtime class path (its classes first, then its dependencies)
   * @param classDirectories where the project's compiled classes are scanned for {@code @Entity}
   */
  public static EntitySchema load(List<Path> classPath, List<Path> classDirectories) {
    List<String> candidates = new ArrayList<>();
    for (Path dir : classDirectories) {
      candidates.addAll(scan(dir));
    }
    URLClassLoader loader = new URLClassLoader(urls(classPath), ClassLoader.getPlatformClassLoader());
    try {
      hibernate(loader);
      List<String> entities = annotated(loader, candidates);
      if (entities.isEmpty()) {
        throw new MigrateException("no-entities", "-Dmigrate.desired=entities found no @jakarta.persistence.Entity"
            + " class in " + classDirectories + "; compile the project first (mvn compile migrate:...)");
      }
      return new EntitySchema(loader, entities);
    } catch (RuntimeException e) {
      close(loader);
      throw e;
    }
  }

  /** How many entity classes are mapped. */
  public int entities() {
    return entities.size();
  }

  /** Creates the entities' tables, sequences and constraints in {@code target}'s {@code schema}. */
  public void create(JdbcTarget target, String schema) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader); // Hibernate reads hibernate.properties and its services through it
    // Hibernate logs through java.util.logging when the project has no other backend: its
    // start-up banner at INFO is noise in a build; its warnings stay
    java.util.logging.Logger hibernateLog = java.util.logging.Logger.getLogger("org.hibernate");
    java.util.logging.Level level = hibernateLog.getLevel();
    hibernateLog.setLevel(java.util.logging.Level.WARNING);
    try {
      export(loader, entities, settings(loader, target, schema));
    } finally {
      thread.setContextClassLoader(before);
      hibernateLog.setLevel(level);
    }
    reparseChecks(target);
  }

  @Override
  public void close() {
    close(loader);
  }

  private static void close(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's Hibernate, or the one message that says what is missing. */
  private static void hibernate(ClassLoader loader) {
    try {
      loader.loadClass(HIBERNATE);
    } catch (ClassNotFoundException e) {
      throw new MigrateException("no-hibernate", "-Dmigrate.desired=entities uses the project's own Hibernate ORM,"
          + " and org.hibernate.orm:hibernate-core is not on its runtime class path; add it as a dependency"
          + " (<groupId>org.hibernate.orm</groupId> <artifactId>hibernate-core</artifactId>, 6.x or 7.x)"
          + " or give the desired schema as a SQL file with -Dmigrate.desired=schema.sql");
    }
  }

  private static Map<String, Object> settings(ClassLoader loader, JdbcTarget target, String schema) {
    Map<String, Object> settings = new HashMap<>(PersistenceXml.properties(loader));
    settings.keySet().removeIf(key -> key.contains(".jdbc.") || key.startsWith("hibernate.connection.")
        || key.contains("schema-generation") || key.startsWith("hibernate.hbm2ddl"));
    settings.put("hibernate.connection.datasource", new ScratchDataSource(target, schema));
    settings.put("jakarta.persistence.schema-generation.database.action", "create");
    settings.put("hibernate.hbm2ddl.halt_on_error", "true");
    settings.putIfAbsent("hibernate.default_schema", schema);
    return settings;
  }

  /**
   * {@code new MetadataSources(new StandardServiceRegistryBuilder().applySettings(s).build())}
   * with every entity added, then {@code buildMetadata().buildSessionFactory()}: building the
   * factory runs the schema creation; closing it leaves the schema in place.
   */
  private static void export(ClassLoader loader, List<String> entities, Map<String, Object> settings) {
    Object registry = null;
    try {
      Class<?> builderType = loader.loadClass("org.hibernate.boot.registry.StandardServiceRegistryBuilder");
      Object builder = builderType.getConstructor().newInstance();
      builderType.getMethod("applySettings", Map.class).invoke(builder, settings);
      registry = builderType.getMethod("build").invoke(builder);
      Class<?> registryType = loader.loadClass("org.hibernate.service.ServiceRegistry");
      Class<?> sourcesType = loader.loadClass(HIBERNATE);
      Object sources = sourcesType.getConstructor(registryType).newInstance(registry);
      for (String entity : entities) {
        sourcesType.getMethod("addAnnotatedClass", Class.class).invoke(sources, loader.loadClass(entity));
      }
      Object metadata = sourcesType.getMethod("buildMetadata").invoke(sources);
      Object factory = metadata.getClass().getMethod("buildSessionFactory").invoke(metadata);
      factory.getClass().getMethod("close").invoke(factory);
    } catch (InvocationTargetException e) {
      throw new MigrateException("entities-failed", "Hibernate could not create the entities' schema: "
          + causes(e.getCause()) + "; fix the mapping, then run again", e.getCause());
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new MigrateException("entities-failed", "cannot run the project's Hibernate ORM (6.x or 7.x are"
          + " supported): " + e, e);
    } finally {
      destroy(loader, registry);
    }
  }

  private static void destroy(ClassLoader loader, Object registry) {
    if (registry == null) {
      return;
    }
    try {
      Class<?> builderType = loader.loadClass("org.hibernate.boot.registry.StandardServiceRegistryBuilder");
      Class<?> registryType = loader.loadClass("org.hibernate.service.ServiceRegistry");
      builderType.getMethod("destroy", registryType).invoke(null, registry);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // the scratch database is dropped anyway; a registry left open only holds memory
    }
  }

  /**
   * Puts each check constraint through the server's parser once more. Hibernate writes
   * {@code check (status in ('A','B'))}; PostgreSQL shows it back as {@code = ANY ((ARRAY[...])::text[])},
   * and that text, once a revision runs it, reads back differently again
   * ({@code ARRAY[('A'::character varying)::text, ...]}). Re-adding each check from its own
   * definition gives the form a revision's check has, so the entities compare equal to the
   * changelog that autogenerate wrote from them.
   */
  private static void reparseChecks(JdbcTarget target) {
    try (Connection connection = target.open(); Statement statement = connection.createStatement()) {
      List<String> alters = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("select format('alter table %I.%I drop constraint %I, add constraint %I %s',"
          + " n.nspname, c.relname, con.conname, con.conname, pg_get_constraintdef(con.oid))"
          + " from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace"
          + " where con.contype = 'c' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'")) {
        while (rs.next()) {
          alters.add(rs.getString(1));
        }
      }
      for (String alter : alters) {
        statement.execute(alter);
      }
    } catch (SQLException e) {
      throw new MigrateException("entities-failed", "cannot read back the entities' check constraints: "
          + e.getMessage(), e);
    }
  }

  /** Of the scanned classes, those that really are entities (the descriptor may stand in a signature). */
  private static List<String> annotated(ClassLoader loader, List<String> candidates) {
    try {
      @SuppressWarnings("unchecked")
      Class<? extends java.lang.annotation.Annotation> entity =
          (Class<? extends java.lang.annotation.Annotation>) loader.loadClass("jakarta.persistence.Entity");
      List<String> out = new ArrayList<>();
      for (String name : candidates) {
        if (Class.forName(name, false, loader).isAnnotationPresent(entity)) {
          out.add(name);
        }
      }
      return out;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new MigrateException("entities-failed", "cannot load the project's entity classes: " + e
          + "; compile the project first (mvn compile migrate:...)", e);
    }
  }

  /** Hibernate wraps the server's reason a few levels deep: every distinct message, outermost first. */
  private static String causes(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
      if (messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  /** The compiled classes that carry {@code @Entity}, by a look for its descriptor in the class file. */
  static List<String> scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    byte[] needle = ENTITY_DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
          .filter(f -> contains(read(f), needle))
          .map(f -> dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", ""))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static URL[] urls(List<Path> classPath) {
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = classPath.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(classPath.get(i).toString(), e);
      }
    }
    return urls;
  }
}
