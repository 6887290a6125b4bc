package org.lossparity.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossparity.core.spec.Inputs;
import org.lossparity.engine.reference.math.Arithmetic;

/**
 * Soft-target distillation T²·KL(softmax(t/T) ‖ softmax(s/T)) with student logits s (prediction) and teacher
 * logits t (target), per element e_c (PyTorch; Keras then sums each row). T and T² are the dtype values of T and
 * of T·T.
 *
 * <p>PyTorch: kl_div(log_softmax(s/T), softmax(t/T)): e_c = T²·(q_c·log q_c − q_c·log σ_c) with q the teacher's and
 * σ the student's softened distribution; gradient of Σ α_c e_c: (T²/T)·(σ_j·Σ_c α_c q_c − α_j q_j).
 *
 * <p>Keras: KLDivergence(softmax(t/T), softmax(s/T)) on probabilities clipped to [ε, 1]: e_c = T²·y_c·log(y_c/σ'_c)
 * with y = clip(q), σ' = clip(σ); the gradient passes the clip only where σ_c ≥ ε.
 */
final class Distillation implements LossFamily {

    @Override
    public <T> Pass<T> forward(Arithmetic<T> a, LossCase c) {
        double temperature = c.param("temperature");
        T t = a.of(c.inDtype(temperature));
        T t2 = a.of(c.inDtype(temperature * temperature));
        int width = c.lastDim();
        int rows = c.size(Inputs.PREDICTION) / width;
        List<T> values = new ArrayList<>(rows * width);
        List<List<T>> student = new ArrayList<>(rows);
        List<List<T>> slopes = new ArrayList<>(rows);
        T eps = a.of(LossCase.KERAS_EPSILON);
        T logEps = c.keras() ? a.log(eps) : null;
        for (int r = 0; r < rows; r++) {
            Rows.Softmax<T> s = Rows.softmax(a, divided(a, Rows.row(a, c, Inputs.PREDICTION, r, width), t));
            Rows.Softmax<T> q = Rows.softmax(a, divided(a, Rows.row(a, c, Inputs.TARGET, r, width), t));
            List<T> slope = new ArrayList<>(width);
            for (int j = 0; j < width; j++) {
                T qj = q.probabilities().get(j);
                T sj = s.probabilities().get(j);
                if (c.keras()) {
                    boolean teacherInside = a.le(eps, qj);
                    boolean studentInside = a.le(eps, sj);
                    T y = teacherInside ? qj : eps;
                    T logY = teacherInside ? q.logProbabilities().get(j) : logEps;
                    T logP = studentInside ? s.logProbabilities().get(j) : logEps;
                    values.add(a.mul(t2, a.mul(y, a.sub(logY, logP))));
                    // ∂e_j/∂σ_j
                    slope.add(studentInside ? a.neg(a.div(a.mul(t2, y), sj)) : a.zero());
                } else {
                    T logQ = q.logProbabilities().get(j);
                    values.add(a.mul(t2, a.mul(qj, a.sub(logQ, s.logProbabilities().get(j)))));
                    slope.add(qj);
                }
            }
            student.add(s.probabilities());
            slopes.add(slope);
        }
        Pass<T> elements = new DistillationPass<>(a, c, t, t2, values, student, slopes);
        return c.keras() ? new LastAxisReduction<>(a, elements, LastAxisReduction.Kind.SUM) : elements;
    }

    private static <T> List<T> divided(Arithmetic<T> a, List<T> x, T t) {
        List<T> out = new ArrayList<>(x.size());
        for (T v : x) {
            out.add(a.div(v, t));
        }
        return out;
    }

    /** Per-element values whose gradient couples a whole row through the student's softmax. */
    private static final class DistillationPass<T> extends AbstractPass<T> {
        private final LossCase c;
        private final T t;
        private final T t2;
        private final List<List<T>> student;
        private final List<List<T>> slopes;

        DistillationPass(Arithmetic<T> a, LossCase c, T t, T t2, List<T> values, List<List<T>> student,
                         List<List<T>> slopes) {
            super(a, c.shape(Inputs.PREDICTION), values);
            this.c = c;
            this.t = t;
            this.t2 = t2;
            this.student = student;
            this.slopes = slopes;
        }

        @Override
        public Map<String, List<T>> gradients(List<T> upstream) {
            int width = c.lastDim();
            List<T> out = new ArrayList<>(values().size());
            for (int r = 0; r < student.size(); r++) {
                List<T> sigma = student.get(r);
                List<T> slope = slopes.get(r);
                List<T> g = new ArrayList<>(width);
                for (int j = 0; j < width; j++) {
                    g.add(a.mul(upstream.get(r * width + j), slope.get(j)));
                }
                if (c.keras()) {
                    // g_j = ∂/∂σ_j; through the softmax of s/T: σ_j·(g_j − Σ g_c σ_c) / T.
                    T projection = a.sum(products(g, sigma));
                    for (int j = 0; j < width; j++) {
                        out.add(a.div(a.mul(sigma.get(j), a.sub(g.get(j), projection)), t));
                    }
                } else {
                    // g_j = α_j q_j; gradient (T²/T)·(σ_j·Σ g_c − g_j).
                    T mass = a.sum(g);
                    T factor = a.div(t2, t);
                    for (int j = 0; j < width; j++) {
                        out.add(a.mul(factor, a.sub(a.mul(sigma.get(j), mass), g.get(j))));
                    }
                }
            }
            return Map.of(Inputs.PREDICTION, out);
        }

        private List<T> products(List<T> x, List<T> y) {
            List<T> out = new ArrayList<>(x.size());
            for (int i = 0; i < x.size(); i++) {
                out.add(a.mul(x.get(i), y.get(i)));
            }
            return out;
        }
    }
}
