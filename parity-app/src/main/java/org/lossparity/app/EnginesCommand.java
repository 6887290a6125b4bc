package org.lossparity.app;

import java.util.List;
import java.util.concurrent.Callable;
import org.lossparity.core.engine.EngineConfig;
import org.lossparity.core.engine.EngineRegistry;
import org.lossparity.core.engine.LossEngine;
import org.lossparity.core.engine.LossEngineProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parity engines}: which engines exist here and what they run on. */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "Start every engine on the class path and print its identity, or why it is unavailable.")
final class EnginesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (LossEngineProvider p : EngineRegistry.providers()) {
            out.println(p.name() + ": " + p.description());
        }
        try (EngineRegistry registry = EngineRegistry.start(List.of(), EngineConfig.fromSystemProperties())) {
            for (LossEngine e : registry.engines().values()) {
                var id = e.identity();
                out.println("  " + id.name() + " [" + id.conventionsText() + "] " + id.library() + " / " + id.runtime()
                        + ", threads " + id.threads() + ", dtypes " + id.dtypes() + " " + id.details());
            }
            registry.unavailable().forEach(u -> out.println("  " + u.name() + " UNAVAILABLE: " + u.reason()));
            return registry.unavailable().isEmpty() ? ParityCli.OK : ParityCli.PARITY_FAILURE;
        }
    }
}
