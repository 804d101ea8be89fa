package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.projunn.Method;

/** A short projUNN training run learns a small copy task, with W orthogonal to rounding level throughout. */
class EndToEndTrainingTest {

    @Test
    void tinyCopyTaskGoesWellBelowTheBaseline() {
        TrainingConfig config = new TrainingConfig().task("copy").length(5).hidden(32).batch(32).steps(600)
                .optimizer(TrainingConfig.OptimizerKind.RMSPROP).lr(3e-3).divider(4).method(Method.TANGENT)
                .rank(1).init(Init.HENAFF).seed(1).evalEvery(100).testSize(128).backend("cpu").threads(2);
        try (TrainingRun run = new TrainingRun(config, msg -> { })) {
            double before = run.testLoss();
            TrainingResult result = run.run(new TrainingRun.Listener() { });
            double baseline = 10 * Math.log(8) / 25;
            assertEquals(baseline, result.last().baseline(), 1e-15);
            assertTrue(before > baseline, "an untrained network is worse than the baseline: " + before);
            assertTrue(result.testLoss() < 0.8 * baseline,
                    "test loss " + result.testLoss() + " vs baseline " + baseline);
            for (Metrics m : result.history()) {
                assertTrue(m.unitarity() < 1e-12, "||W^T W - I|| = " + m.unitarity() + " at step " + m.step());
            }
            assertEquals(6, result.history().size());
            assertTrue(result.resultLine().matches(
                    "result: task=copy T=5 steps=600 test_loss=\\S+ baseline=0\\.831777 unitarity=\\S+ seconds=\\S+"),
                    result.resultLine());
        }
    }

    @Test
    void unconstrainedRunTrainsTheSameNetworkWithoutKeepingWOrthogonal() {
        TrainingConfig config = new TrainingConfig().task("adding").length(10).hidden(16).batch(16).steps(50)
                .optimizer(TrainingConfig.OptimizerKind.ADAM).lr(1e-2).init(Init.IDENTITY)
                .constraint(TrainingConfig.Constraint.NONE).seed(2).testSize(32).threads(1);
        try (TrainingRun run = new TrainingRun(config, msg -> { })) {
            TrainingResult result = run.run(new TrainingRun.Listener() { });
            assertEquals("none", run.backendName());
            assertTrue(result.unitarity() > 1e-6, "W moved off the group: " + result.unitarity());
            assertTrue(Double.isFinite(result.testLoss()));
        }
    }
}
