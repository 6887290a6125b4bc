package org.lossparity.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lossparity.core.tensor.DType;

/**
 * Command line of {@link ResidentMemoryHarness}: {@code --engines a,b --workload ID --dtype float32
 * --evaluations N --every K}, each also as {@code --name=value}.
 *
 * @param engines     engine names, in the order they run
 * @param workload    what each engine evaluates
 * @param dtype       float32 or float64
 * @param evaluations evaluations per engine
 * @param every       evaluations between two memory readings
 */
public record HarnessOptions(List<String> engines, Workload workload, DType dtype, long evaluations, long every) {
    public static final List<String> DEFAULT_ENGINES = List.of("tensorflow", "pytorch", "djl");
    public static final long DEFAULT_EVALUATIONS = 100_000;
    public static final long DEFAULT_EVERY = 10_000;

    public static final String USAGE = """
            usage: java -cp benchmarks.jar org.lossparity.benchmarks.ResidentMemoryHarness [options]
              --engines NAMES      comma-separated engines, run one after the other in this process
                                   (default tensorflow,pytorch,djl; also reference, reference-fast)
              --workload ID        one of %s (default mse_64x128)
              --dtype TYPE         float32 or float64 (default float32)
              --evaluations N      evaluations per engine (default 100000)
              --every K            evaluations between memory readings (default 10000)
            """.formatted(Arrays.stream(Workload.values()).map(Workload::id).toList());

    public HarnessOptions {
        engines = List.copyOf(engines);
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("--engines names no engine");
        }
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException("--dtype must be float32 or float64, got " + dtype);
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("--evaluations must be at least 1, got " + evaluations);
        }
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
    }

    /** @throws IllegalArgumentException naming the option that is unknown, lacks a value or has a bad one */
    public static HarnessOptions parse(String... args) {
        List<String> engines = DEFAULT_ENGINES;
        Workload workload = Workload.MSE_64X128;
        DType dtype = DType.FLOAT32;
        long evaluations = DEFAULT_EVALUATIONS;
        long every = DEFAULT_EVERY;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            if (!name.startsWith("--") || !List.of("--engines", "--workload", "--dtype", "--evaluations", "--every")
                    .contains(name)) {
                throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            switch (name) {
                case "--engines" -> engines = names(value);
                case "--workload" -> workload = Workload.fromId(value);
                case "--dtype" -> dtype = DType.fromJsonName(value);
                case "--evaluations" -> evaluations = count(name, value);
                default -> every = count(name, value);
            }
        }
        return new HarnessOptions(engines, workload, dtype, evaluations, every);
    }

    private static List<String> names(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static long count(String name, String value) {
        try {
            // Underscores allowed, as in Java literals: --evaluations 100_000.
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " needs a whole number, got '" + value + "'");
        }
    }
}
