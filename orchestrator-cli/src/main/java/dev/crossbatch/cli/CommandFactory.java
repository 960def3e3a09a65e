package dev.crossbatch.cli;

import dev.crossbatch.cli.session.Session;
import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * picocli's factory for commands and mixins: a class with a {@code (Session)} constructor gets the
 * run's session; any other (the option mixins) picocli's default. The session is how a command
 * gets its collaborators, instead of reaching through its parent command.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final Session session;

  CommandFactory(Session session) {
    this.session = session;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withSession;
    try {
      withSession = cls.getDeclaredConstructor(Session.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    withSession.setAccessible(true);
    return withSession.newInstance(session);
  }
}
