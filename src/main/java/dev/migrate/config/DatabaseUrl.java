package dev.migrate.config;

import dev.migrate.MigrateException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A database URL in any of the forms a team already has, turned into what pgjdbc takes: a
 * JDBC URL without credentials, a user and a {@link Secret} password.
 *
 * <pre>
 * jdbc:postgresql://db:5432/app?sslmode=require                  as it is
 * postgresql://app:s%40cret@db:5432/app?sslmode=require           libpq's URI
 * postgres://...  postgresql+psycopg2://...                       the same
 * postgresql+asyncpg://app:pw@db/app?ssl=require                  ssl=require becomes sslmode=require
 * </pre>
 *
 * Query parameters go to pgjdbc as they are. A Unix-socket URL is refused: pgjdbc speaks TCP.
 * Neither {@link #toString()} nor any message of this class contains the password: messages
 * quote nothing of a URL but its scheme, since a URL that does not parse cannot be masked.
 */
public final class DatabaseUrl {

  private static final String JDBC_PREFIX = "jdbc:postgresql:";
  private static final Pattern LIBPQ_SCHEME = Pattern.compile("(?i)postgres(?:ql)?(?:\\+[a-z0-9_]+)?");
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  /** asyncpg's {@code ssl} takes libpq's sslmode names. */
  private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final String FORMS = "write jdbc:postgresql://host:port/database or postgresql://user:password@host:port/database";

  private final String jdbcUrl;
  private final String user;
  private final Secret password;
  private final Map<String, Secret> secretParameters;
  private final String masked;

  private DatabaseUrl(String jdbcUrl, String user, Secret password, Map<String, Secret> secretParameters, String masked) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.secretParameters = secretParameters;
    this.masked = masked;
  }

  /** Parses a URL held as a secret (the {@code url} parameter). */
  public static DatabaseUrl parse(Secret url, String origin) {
    return parse(url == null ? null : url.reveal(), origin);
  }

  public static DatabaseUrl parse(String url) {
    return parse(url, "the database URL");
  }

  /**
   * @param origin where the URL came from, for messages ({@code the environment variable DATABASE_URL})
   * @throws MigrateException {@code empty-url}, {@code invalid-url} or {@code unix-socket-url}
   */
  public static DatabaseUrl parse(String url, String origin) {
    if (url == null || url.isBlank()) {
      throw new MigrateException("empty-url", origin + " is set but empty; give a URL ("
          + FORMS + ") or remove the setting to use the next source");
    }
    String text = url.trim();
    if (text.regionMatches(true, 0, JDBC_PREFIX, 0, JDBC_PREFIX.length())) {
      String body = text.substring(JDBC_PREFIX.length());
      if (body.startsWith("//")) {
        return fromAuthority(Parts.of(body.substring(2), origin), JDBC_PREFIX, origin);
      }
      // jdbc:postgresql:database (localhost:5432): no authority, only parameters to take the credentials from
      int q = body.indexOf('?');
      List<Param> params = q < 0 ? List.of() : Param.split(body.substring(q + 1), origin);
      String db = q < 0 ? body : body.substring(0, q);
      Credentials credentials = new Credentials(null, null).withParams(params, origin);
      List<Param> kept = credentials.remaining(params);
      return new DatabaseUrl(JDBC_PREFIX + db + Param.join(kept, false), credentials.user, credentials.password,
          credentials.secretParameters, JDBC_PREFIX + db + Param.join(params, true));
    }
    java.util.regex.Matcher scheme = SCHEME.matcher(text);
    if (scheme.find() && LIBPQ_SCHEME.matcher(scheme.group(1)).matches()) {
      String rest = text.substring(scheme.end());
      if (!rest.startsWith("//")) {
        throw new MigrateException("invalid-url", origin + " (" + scheme.group(1) + ":) has no '//' after its scheme; " + FORMS);
      }
      return fromAuthority(Parts.of(rest.substring(2), origin), scheme.group(1) + ":", origin);
    }
    String shown = scheme.find(0) ? " (" + scheme.group(1) + ":...)" : "";
    throw new MigrateException("invalid-url", origin + shown + " is not a PostgreSQL URL; " + FORMS
        + " (postgres://, postgresql+asyncpg:// and postgresql+psycopg2:// are read too)");
  }

  private static DatabaseUrl fromAuthority(Parts parts, String scheme, String origin) {
    boolean jdbc = scheme.equals(JDBC_PREFIX);
    List<String> hosts = new ArrayList<>();
    for (String hostPort : parts.hosts.split(",", -1)) {
      hosts.add(checkHost(hostPort, jdbc, origin));
    }
    List<Param> params = new ArrayList<>();
    for (Param p : parts.params) {
      if (p.key.equals("host") && p.value != null && decode(p.value, origin).startsWith("/")) {
        throw unixSocket(origin);
      }
      if (!jdbc && p.key.equals("ssl") && p.value != null && SSL_MODES.contains(p.value.toLowerCase(Locale.ROOT))) {
        params.add(new Param("sslmode", p.value.toLowerCase(Locale.ROOT)));
      } else {
        params.add(p);
      }
    }
    Credentials credentials = new Credentials(parts.user, parts.password).withParams(params, origin);
    String hostList = String.join(",", hosts);
    String path = parts.database == null ? "/" : "/" + parts.database;
    String jdbcUrl = JDBC_PREFIX + "//" + hostList + path + Param.join(credentials.remaining(params), false);
    StringBuilder shown = new StringBuilder(scheme + "//");
    if (parts.rawUser != null) {
      shown.append(parts.rawUser).append(parts.password != null ? ":****" : "").append('@');
    }
    shown.append(hostList).append(parts.database == null ? "" : path).append(Param.join(params, true));
    return new DatabaseUrl(jdbcUrl, credentials.user, credentials.password, credentials.secretParameters,
        shown.toString());
  }

  private static String checkHost(String hostPort, boolean jdbc, String origin) {
    String host = hostPort;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new MigrateException("invalid-url", origin + " has an IPv6 address without its closing ']'; " + FORMS);
      }
      host = hostPort.substring(0, close + 1);
      if (close + 1 < hostPort.length()) {
        if (hostPort.charAt(close + 1) != ':') {
          throw new MigrateException("invalid-url", origin + " has text after an IPv6 address where ':port' belongs; " + FORMS);
        }
        port = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
    }
    if (host.isEmpty() || decode(host, origin).startsWith("/")) {
      if (jdbc && host.isEmpty() && port == null) {
        return hostPort; // pgjdbc reads an empty host as localhost
      }
      throw unixSocket(origin);
    }
    if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535)) {
      throw new MigrateException("invalid-url", origin + " has a port that is not a number from 1 to 65535; " + FORMS);
    }
    return port == null ? host : host + ":" + port;
  }

  private static MigrateException unixSocket(String origin) {
    return new MigrateException("unix-socket-url", origin + " names a Unix socket, which the JDBC driver cannot use;"
        + " give the host and port instead, such as postgresql://user@localhost:5432/database");
  }

  /** The URL for the JDBC driver, without user and password (they go as connection properties). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  /**
   * The other parameters that hold a password ({@code sslpassword}), taken out of
   * {@link #jdbcUrl()} so that it can never leak them: pgjdbc gets them as connection properties.
   */
  public Map<String, Secret> secretParameters() {
    return secretParameters;
  }

  /** The URL as its author wrote it, with every password shown as {@code ****}: for messages. */
  public String masked() {
    return masked;
  }

  @Override
  public String toString() {
    return masked;
  }

  /** libpq's percent-decoding (UTF-8; a '+' stays a '+'). */
  static String decode(String text, String origin) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new MigrateException("invalid-url", origin + " has a '%' that is not followed by two hex digits;"
              + " write a '%' in a user name or password as %25");
        }
        bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          raw = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(raw, 0, raw.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The pieces of {@code [user[:password]@]hosts[/database][?query]}. */
  private static final class Parts {
    String rawUser;
    String user;
    Secret password;
    String hosts;
    String database;
    List<Param> params = List.of();

    static Parts of(String rest, String origin) {
      Parts parts = new Parts();
      // A password may hold '/', '?' or '@' unescaped: the user info ends at the last '@' before
      // the first '/' or '?' that follows the first '@'.
      int firstAt = rest.indexOf('@');
      if (firstAt >= 0) {
        int end = firstAt;
        while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
          end++;
        }
        int at = rest.lastIndexOf('@', end - 1);
        String userInfo = rest.substring(0, at);
        rest = rest.substring(at + 1);
        int colon = userInfo.indexOf(':');
        parts.rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
        String user = decode(parts.rawUser, origin);
        parts.user = user.isEmpty() ? null : user;
        if (colon >= 0) {
          parts.password = Secret.of(decode(userInfo.substring(colon + 1), origin));
        }
      }
      int hostEnd = 0;
      while (hostEnd < rest.length() && rest.charAt(hostEnd) != '/' && rest.charAt(hostEnd) != '?') {
        hostEnd++;
      }
      parts.hosts = rest.substring(0, hostEnd);
      String tail = rest.substring(hostEnd);
      int q = tail.indexOf('?');
      String path = q < 0 ? tail : tail.substring(0, q);
      if (path.startsWith("/") && path.length() > 1) {
        parts.database = path.substring(1);
      }
      if (q >= 0) {
        parts.params = Param.split(tail.substring(q + 1), origin);
      }
      return parts;
    }
  }

  /** The credentials a URL carries, in its user info or as {@code user}/{@code password} parameters. */
  private static final class Credentials {
    final String user;
    final Secret password;
    final Map<String, Secret> secretParameters;

    Credentials(String user, Secret password) {
      this(user, password, Map.of());
    }

    private Credentials(String user, Secret password, Map<String, Secret> secretParameters) {
      this.user = user;
      this.password = password;
      this.secretParameters = secretParameters;
    }

    Credentials withParams(List<Param> params, String origin) {
      String u = user;
      Secret p = password;
      Map<String, Secret> secrets = new LinkedHashMap<>();
      for (Param param : params) {
        if (param.value == null) {
          continue;
        }
        if (param.key.equals("user")) {
          u = u == null ? decode(param.value, origin) : u;
        } else if (param.key.equals("password")) {
          p = p == null ? Secret.of(decode(param.value, origin)) : p;
        } else if (param.isSecret()) {
          secrets.put(param.key, Secret.of(decode(param.value, origin)));
        }
      }
      return new Credentials(u, p, Collections.unmodifiableMap(secrets));
    }

    /** The parameters left for the JDBC URL: credentials travel as connection properties. */
    List<Param> remaining(List<Param> params) {
      List<Param> kept = new ArrayList<>();
      for (Param param : params) {
        if (!param.key.equals("user") && !param.isSecret()) {
          kept.add(param);
        }
      }
      return kept;
    }
  }

  /** One query parameter, its value kept as written (pgjdbc decodes it as libpq does). */
  private static final class Param {
    final String key;
    final String value;

    Param(String key, String value) {
      this.key = key;
      this.value = value;
    }

    boolean isSecret() {
      return key.toLowerCase(Locale.ROOT).contains("password");
    }

    static List<Param> split(String query, String origin) {
      List<Param> params = new ArrayList<>();
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq), origin);
        params.add(new Param(key, eq < 0 ? null : pair.substring(eq + 1)));
      }
      return params;
    }

    static String join(List<Param> params, boolean mask) {
      if (params.isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder("?");
      for (Param p : params) {
        if (out.length() > 1) {
          out.append('&');
        }
        out.append(p.key);
        if (p.value != null) {
          out.append('=').append(mask && p.isSecret() ? "****" : p.value);
        }
      }
      return out.toString();
    }
  }
}
