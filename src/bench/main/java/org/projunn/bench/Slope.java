package org.projunn.bench;

/** Least-squares slope of log(time) against log(N): the empirical exponent of the cost. */
public final class Slope {
    private Slope() {
    }

    /** NaN with fewer than two points. */
    public static double fit(double[] n, double[] time) {
        int m = n.length;
        if (m < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < m; i++) {
            sx += Math.log(n[i]);
            sy += Math.log(time[i]);
        }
        double mx = sx / m;
        double my = sy / m;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < m; i++) {
            double dx = Math.log(n[i]) - mx;
            sxy += dx * (Math.log(time[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
