package dev.hopscope.ui.perf;

import java.util.Arrays;
import java.util.Locale;

/** Frame intervals of one measured phase, summarised the way a frame-rate target is judged. */
public record FrameStats(String phase, long[] intervalsNanos) {

    public int frames() { return intervalsNanos.length; }

    public double meanMillis() {
        return frames() == 0 ? 0 : Arrays.stream(intervalsNanos).average().orElse(0) / 1e6;
    }

    public double percentileMillis(double p) {
        if (frames() == 0) return 0;
        long[] sorted = intervalsNanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    public double maxMillis() { return percentileMillis(100); }

    public double fps() { return meanMillis() == 0 ? 0 : 1000 / meanMillis(); }

    /** Share of frames that took longer than a 60 Hz frame (16.7 ms) with some slack for timer jitter. */
    public double slowShare() {
        return frames() == 0 ? 0 : Arrays.stream(intervalsNanos).filter(n -> n > 20_000_000L).count() / (double) frames();
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%-22s frames=%4d mean=%6.2f ms p50=%6.2f ms p95=%6.2f ms max=%6.2f ms fps=%5.1f slow(>20ms)=%4.1f%%",
                phase, frames(), meanMillis(), percentileMillis(50), percentileMillis(95), maxMillis(), fps(), slowShare() * 100);
    }
}
