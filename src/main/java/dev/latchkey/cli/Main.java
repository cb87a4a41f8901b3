package dev.latchkey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code latchkey}: the command line. Bad options or values: a one-line error and exit code 2. */
@Command(name = "latchkey", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Multi-tenant OAuth 2.0 / OpenID Connect authorization server.",
        subcommands = {ServeCommand.class, MigrateCommand.class, AotTrainingCommand.class, ConfigCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("latchkey: " + e.getMessage() + " (see 'latchkey --help')");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, result) -> {
            cmd.getErr().println("latchkey: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"latchkey " + (version == null ? "development" : version)};
        }
    }
}
