package org.lossparity.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code parity <command>}: the command-line entry point (also the shaded jar's main class).
 *
 * <p>Exit codes: 0 everything passed (explained differences included), 1 parity failure or a failed gate,
 * 2 usage or configuration error.
 */
@Command(name = "parity", mixinStandardHelpOptions = true, versionProvider = ParityCli.Version.class,
        description = "Proves that deep-learning engines compute the same loss.",
        subcommands = {RunCommand.class, DiffCommand.class, EnginesCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all comparisons pass (semantic divergences, numerical differences and known defects "
                + "are explained, so they pass)", "1:parity failure, or the diff gate failed",
                "2:usage or configuration error"})
public final class ParityCli implements Runnable {
    public static final int OK = 0;
    public static final int PARITY_FAILURE = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        // DJL must never download: the native library comes from the jar. Users of java -jar get this too.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine cli = new CommandLine(new ParityCli());
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigurationException) {
                commandLine.getErr().println("parity: " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: run, diff or engines");
    }

    /** The build's version, from the jar. */
    public static String version() {
        try (InputStream in = ParityCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.contains("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through to the unknown version
        }
        return "unknown";
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lossparity " + version()};
        }
    }

    /** A bad option value or setup problem detected after parsing: exit code 2. */
    static final class ConfigurationException extends RuntimeException {
        ConfigurationException(String message) {
            super(message);
        }

        ConfigurationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
