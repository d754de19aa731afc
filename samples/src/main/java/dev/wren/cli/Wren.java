package dev.wren.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code wren}: publish, subscribe, or run a demo with the Wren MQTT client; flags follow
 * mosquitto_pub and mosquitto_sub. Results go to stdout; errors are one {@code wren: } line on
 * stderr and a non-zero exit status (see {@link ExitCodes}).
 */
public final class Wren {
  private Wren() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, true));
  }

  /** Runs one command as the program would, and returns its exit status. */
  public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
    return run(args, stdin, stdout, stderr, false);
  }

  private static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr,
      boolean process) {
    List<String> words = Arrays.asList(args);
    // Known before parsing, so that no message, however it came about, prints a password.
    List<String> secrets = Redact.secretsIn(words);
    boolean[] quiet = new boolean[1];
    try {
      return dispatch(words, stdin, stdout, stderr, process, quiet);
    } catch (CliException e) {
      // --quiet silences failures, not a bad command line (as mosquitto's --quiet).
      if (e.getMessage() != null && !(quiet[0] && e.exitCode() != ExitCodes.USAGE)) {
        stderr.println("wren: " + Errors.display(e.getMessage(), secrets));
        stderr.flush();
      }
      return e.exitCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stderr.println("wren: interrupted");
      return ExitCodes.ERROR;
    } catch (RuntimeException | Error e) {
      stderr.println("wren: internal error: " + Errors.display(String.valueOf(e), secrets)
          + (debug() ? "" : " (set WREN_DEBUG=1 for the stack trace)"));
      if (debug()) e.printStackTrace(stderr);
      stderr.flush();
      return ExitCodes.ERROR;
    }
  }

  /** @param quiet set to --quiet's value once the command line is parsed */
  private static int dispatch(List<String> args, InputStream stdin, PrintStream stdout,
      PrintStream stderr, boolean process, boolean[] quiet)
      throws CliException, InterruptedException {
    if (args.isEmpty()) {
      stderr.print(Usage.MAIN);
      throw new CliException(ExitCodes.USAGE, "no command given: use pub, sub, gateway or demo");
    }
    String first = args.get(0);
    if (first.equals("--help") || first.equals("-help") || first.equals("help")) {
      stdout.print(args.size() > 1 ? Usage.of(args.get(1)) : Usage.MAIN);
      stdout.flush();
      return ExitCodes.OK;
    }
    if (first.equals("--version")) {
      stdout.println("wren " + version());
      return ExitCodes.OK;
    }
    Args.Cmd cmd;
    try {
      cmd = Args.Cmd.valueOf(first.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.usage("unknown command '" + first + "': use pub, sub, gateway or demo"
          + " (see wren --help)");
    }
    if (!first.equals(first.toLowerCase(Locale.ROOT))) {
      throw CliException.usage("unknown command '" + first + "': use pub, sub, gateway or demo");
    }
    CliOptions o = Args.parse(cmd, args.subList(1, args.size()));
    if (o.help) {
      stdout.print(Usage.of(first));
      stdout.flush();
      return ExitCodes.OK;
    }
    quiet[0] = o.quiet;
    Logging.configure(o);
    switch (cmd) {
      case PUB:
        return o.queueDir != null ? new QueuePubCommand(o, stdin, stderr).run()
            : new PubCommand(o, stdin, stderr).run();
      case SUB:
        return new SubCommand(o, stdout, stderr, process).run();
      case DEMO:
        return new DemoCommand(o, stdout).run();
      case GATEWAY:
        return new GatewayCommand(o, stdout, stderr, process).run();
      default:
        throw new AssertionError(cmd);
    }
  }

  private static boolean debug() {
    String value = System.getenv("WREN_DEBUG");
    return value != null && !value.isEmpty() && !value.equals("0");
  }

  private static String version() {
    String v = Wren.class.getPackage().getImplementationVersion();
    return v != null ? v : "(development build)";
  }
}
