package dev.migrate.config;

import java.util.Objects;

/**
 * The {@code <server>} entry of {@code settings.xml} that {@code serverId} names, already
 * decrypted by the mojo as Maven does.
 */
public record ServerCredentials(String serverId, String username, Secret password) {

  public ServerCredentials {
    Objects.requireNonNull(serverId, "serverId");
  }

  @Override
  public String toString() {
    return "ServerCredentials[" + serverId + ", " + username + ", ****]";
  }
}
