package org.lossparity.core.result;

import java.util.List;

/**
 * One known semantic divergence between the PyTorch and Keras conventions, from fixtures/divergences.json.
 *
 * @param id            stable id, e.g. {@code keras-probability-clipping}
 * @param title         one line
 * @param losses        loss ids it concerns
 * @param pytorch       the formula on the PyTorch side
 * @param keras         the formula on the Keras side
 * @param condition     where it shows: the region of inputs (or parameters, reductions) where the two differ
 * @param fixtureLabel  label of a fixture case that demonstrates it
 * @param detector      id of the runner's detector that computes the region for a case ({@code none}: documented
 *                      only, e.g. an engine API's own convention)
 */
public record DivergenceRule(String id, String title, List<String> losses, String pytorch, String keras,
                             String condition, String fixtureLabel, String detector) {
    public DivergenceRule {
        losses = List.copyOf(losses);
    }
}
