package org.lossparity.engine.tensorflow;

/**
 * Process-level TensorFlow switches that can only be set through environment variables read by the native library
 * when it loads (Java cannot set its own environment). The surefire configuration and the ./parity launcher set
 * TF_CPP_MIN_LOG_LEVEL=2, which silences TensorFlow's INFO and WARNING lines but keeps ERROR and FATAL ones; this
 * class only reports what is in effect so that it lands in every result's identity.
 */
final class RuntimeEnvironment {

    private RuntimeEnvironment() {}

    static String logLevel() {
        String v = System.getenv("TF_CPP_MIN_LOG_LEVEL");
        return v == null ? "unset (TensorFlow logs INFO and up; set TF_CPP_MIN_LOG_LEVEL=2 to keep only errors)" : v;
    }

    static String deterministicOps() {
        String v = System.getenv("TF_DETERMINISTIC_OPS");
        boolean on = v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
        return (on ? "on" : "off") + " (TF_DETERMINISTIC_OPS=" + (v == null ? "unset" : v) + "; TensorFlow Java "
                + "1.1.0 has no enable_op_determinism API. CPU kernels with the pinned thread counts reduce in a "
                + "fixed order)";
    }

    static String oneDnn() {
        String v = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return v == null ? "default (on for x86-64 CPUs in TensorFlow 2.18)" : "TF_ENABLE_ONEDNN_OPTS=" + v;
    }
}
