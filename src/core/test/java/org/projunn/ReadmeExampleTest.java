package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/** The README's "one training step from Java" runs as written and keeps W orthogonal. */
class ReadmeExampleTest {

    @Test
    void readmeTrainingStepKeepsWOrthogonal() {
        int n = 48;
        Random rnd = new Random(7);
        double[] initialOrthogonal = Oracles.randomUnitary(n, false, rnd).realData();
        double[] minusLearningRateTimesGradient = CMat.gaussian(n, n, false, 1e-3, rnd).realData();

        // --- as in README.md ---
        try (Backend backend = Backends.open("auto", System.err::println);
             Projector projector = backend.newProjector(
                     ProjectorSpec.of(Method.DIRECT, 1)
                             .withSampler(SamplerSpec.sketch(42))
                             .withReorthonormalization(1000, Reorthonormalization.NEWTON_SCHULZ),
                     DType.FLOAT32, 1, n);
             Tensor w = backend.upload(DType.FLOAT32, 1, n, n, initialOrthogonal);
             Tensor delta = backend.allocate(DType.FLOAT32, 1, n, n)) {
            for (int step = 0; step < 100; step++) {
                delta.copyFrom(minusLearningRateTimesGradient);
                projector.step(w, delta);
            }
            // --- end of the README's code ---
            CMat trained = TestData.entry(w, 0);
            assertTrue(trained.unitarityError() < 1e-5, "||W^T W - I|| = " + trained.unitarityError());
            assertTrue(trained.minus(CMat.fromReal(n, n, initialOrthogonal)).frobenius() > 1e-3, "W did not move");
        }
    }
}
