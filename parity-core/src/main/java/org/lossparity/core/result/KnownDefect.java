package org.lossparity.core.result;

import java.util.Optional;

/**
 * A documented engine defect, from fixtures/known-defects.json: a comparison of this engine against the reference
 * that matches is expected to fail (EXPECTED_FAILURE) and is reported as UNEXPECTED_PASS when it does not.
 *
 * @param id             stable id
 * @param engine         engine name, e.g. {@code djl}
 * @param loss           loss id
 * @param reduction      reduction (json name), empty for any
 * @param dtype          dtype (json name), empty for any
 * @param caseLabel      regular expression on the case label, empty for any
 * @param quantity       {@code value}, {@code gradient:<input>} or {@code any}
 * @param djlClass       the library class at fault
 * @param parameters     the parameters it is called with
 * @param computesInstead what it computes instead of the documented formula
 * @param fixture        the fixture (file or case label) that shows it
 */
public record KnownDefect(String id, String engine, String loss, String reduction, String dtype,
                          Optional<String> caseLabel, String quantity, String djlClass, String parameters,
                          String computesInstead, String fixture) {

    /** Whether a comparison of {@code engine} on this case and quantity is covered by the defect. */
    public boolean matches(String engineName, CaseRef ref, Quantity q) {
        if (!engine.equals(engineName) || !loss.equals(ref.spec().loss().id())) {
            return false;
        }
        if (!reduction.isEmpty() && !reduction.equals(ref.spec().reduction().jsonName())) {
            return false;
        }
        if (!dtype.isEmpty() && !dtype.equals(ref.spec().dtype().jsonName())) {
            return false;
        }
        if (caseLabel.isPresent() && !java.util.regex.Pattern.compile(caseLabel.get()).matcher(ref.label()).find()) {
            return false;
        }
        return quantity.isEmpty() || quantity.equals("any") || quantity.equals(q.name());
    }
}
