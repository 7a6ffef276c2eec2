package dev.migrate.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener on a free local port that plays the first step of a PostgreSQL server: it reads
 * each client's startup message, records the database the client asked for, and hangs up. An
 * integration project points the plugin at it to show which goals connect (setup.groovy starts
 * it, verify.groovy reads {@link #databases()} and closes it).
 */
public final class ConnectionTrap implements AutoCloseable {

  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;

  private final ServerSocket socket;
  private final List<String> databases = new ArrayList<>();

  private ConnectionTrap(ServerSocket socket) {
    this.socket = socket;
  }

  public static ConnectionTrap start() throws IOException {
    ConnectionTrap trap = new ConnectionTrap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(trap::accept, "connection-trap");
    acceptor.setDaemon(true);
    acceptor.start();
    return trap;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The database each connection asked for, in order ("?" when its startup message could not be read). */
  public synchronized List<String> databases() {
    return List.copyOf(databases);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        String database = "?";
        try {
          database = startupDatabase(client);
        } catch (IOException | RuntimeException e) {
          // recorded as "?": a connection it is, whatever it sent
        }
        synchronized (this) {
          databases.add(database);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Declines SSL and GSS encryption, then reads the startup message's {@code database} parameter. */
  private static String startupDatabase(Socket client) throws IOException {
    client.setSoTimeout(5000);
    DataInputStream in = new DataInputStream(client.getInputStream());
    while (true) {
      int length = in.readInt();
      int code = in.readInt();
      if (code == SSL_REQUEST || code == GSS_REQUEST) {
        client.getOutputStream().write('N');
        client.getOutputStream().flush();
        continue;
      }
      byte[] body = new byte[length - 8];
      in.readFully(body);
      String[] fields = new String(body, StandardCharsets.UTF_8).split("\0");
      for (int i = 0; i + 1 < fields.length; i += 2) {
        if (fields[i].equals("database")) {
          return fields[i + 1];
        }
      }
      return "?";
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
