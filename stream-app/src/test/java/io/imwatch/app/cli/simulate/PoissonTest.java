package io.imwatch.app.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoissonTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 3, 9.99, 10, 30, 250, 2000})
    void shouldDrawCountsWithPoissonMeanAndVariance(double mean) {
        Random random = new Random(7);
        int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            long k = Poisson.sample(random, mean);
            assertThat(k).isNotNegative();
            sum += k;
            sumSquares += (double) k * k;
        }
        double m = sum / n;
        double variance = sumSquares / n - m * m;
        double standardError = Math.sqrt(mean / n);

        assertThat(m).isCloseTo(mean, within(5 * standardError));
        assertThat(variance / mean).isCloseTo(1.0, within(0.03));
    }

    @ParameterizedTest
    @ValueSource(doubles = {10, 30})
    void shouldMatchThePoissonTail(double mean) {
        Random random = new Random(11);
        int n = 200_000;
        int atMostMean = 0;
        for (int i = 0; i < n; i++) {
            if (Poisson.sample(random, mean) <= mean) {
                atMostMean++;
            }
        }
        double expected = mean == 10 ? 0.5830397501929852 : 0.5483515125779114 /* P(X <= mean), from SciPy */;

        assertThat((double) atMostMean / n).isCloseTo(expected, within(0.005));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 11, 101, 1001})
    void shouldComputeLogGammaOfIntegersAsLogFactorials(int x) {
        double logFactorial = 0;
        for (int k = 2; k < x; k++) {
            logFactorial += Math.log(k);
        }

        assertThat(Poisson.logGamma(x)).isCloseTo(logFactorial, within(1e-9));
    }

    @Test
    void shouldComputeLogGammaBetweenIntegers() {
        assertThat(Poisson.logGamma(3.5)).isCloseTo(Math.log(3.323350970447842), within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1})
    void shouldDrawZeroForNoRate(double mean) {
        assertThat(Poisson.sample(new Random(1), mean)).isZero();
    }
}
