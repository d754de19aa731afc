package dev.wren.cli;

/**
 * An expected failure: {@link Wren#run} prints its message as one {@code wren: } line on stderr
 * and exits with its code. Never printed with a stack trace.
 */
final class CliException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A bad command line (exit 2). */
  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
