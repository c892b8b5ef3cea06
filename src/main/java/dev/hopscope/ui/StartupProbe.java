package dev.hopscope.ui;

import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Measures how long a user waits for the first window: with {@code -Dhopscope.startupProbe=true}
 * (or {@code HOPSCOPE_STARTUP_PROBE=true} in the environment) the application prints
 * {@code FIRST_PAINT <ms since the JVM started> <epoch ms> <CPU ms> <JavaFX thread CPU ms>} once its first frame has been drawn,
 * then exits. packaging/startup-time.sh and packaging/build.sh's check read that line.
 *
 * <p>"Drawn" is taken as the frame on the screen, as {@link FrameShown} tells it (until 2026-11-27 it was
 * the second pulse after showing, which under Prism's software renderer came before the frame was
 * drawn, so the figures of before then are earlier than what a user saw, the designer's most).
 * The clock starts when the JVM does (RuntimeMXBean, millisecond precision; the process start
 * time the OS gives is only precise to a second), so class loading and toolkit start count, as
 * they do for the user; the script's wall clock adds the exec and JVM boot.
 *
 * <p>The designer shows its window before it builds what is in it ({@link DesignerApp}), so it
 * also says {@code READY} once the window holds the designer with its start document drawn.
 */
public final class StartupProbe {
    /** The system property that turns the probe on. */
    public static final String PROPERTY = "hopscope.startupProbe";
    /**
     * The environment variable that turns it on too (value {@code true}): jpackage's launcher
     * takes no JVM options on its command line and ignores JDK_JAVA_OPTIONS, so the packaged
     * app can only be asked through the environment.
     */
    public static final String ENVIRONMENT = "HOPSCOPE_STARTUP_PROBE";

    private StartupProbe() {}

    /**
     * With the probe on, prints {@code MARK <what> <ms since JVM start> cpu <process CPU ms> classes <loaded>}:
     * the steps of a start, to find where its time goes (packaging/startup-time.sh ignores them).
     * A mark made before the first frame is printed after {@code FIRST_PAINT}, with its time only
     * (CPU and classes -1).
     */
    public static void mark(String what) {
        if (!requested()) return;
        long now = System.currentTimeMillis();
        if (!firstFrameOut) {
            // before the first frame, only the time: the management beans the other figures come
            // from take the JavaFX thread some tens of milliseconds to start, which the empty window
            // the first frame is compared with does not pay; these marks are printed after it
            synchronized (early) { early.add(new Object[] {what, now}); }
            return;
        }
        print("MARK " + what + " " + (now - ManagementFactory.getRuntimeMXBean().getStartTime()) + " cpu " + cpuMillis() + " classes " + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    /** Marks made before the first frame was on the screen: {what, epoch ms}; printed after FIRST_PAINT with CPU and classes -1. */
    private static final java.util.List<Object[]> early = new java.util.ArrayList<>();
    private static volatile boolean firstFrameOut;

    private static void printEarlyMarks() {
        firstFrameOut = true;
        java.util.List<Object[]> marks;
        synchronized (early) {
            marks = java.util.List.copyOf(early);
            early.clear();
        }
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        for (Object[] m : marks) print("MARK " + m[0] + " " + ((Long) m[1] - start) + " cpu -1 classes -1");
    }

    /** Whether the property or the environment asks for the probe. */
    public static boolean requested() {
        return Boolean.getBoolean(PROPERTY) || "true".equals(System.getenv(ENVIRONMENT));
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void exit() {
        Platform.exit();
        // The designer may hold non-daemon threads (autosave, analysis): the probe's run is over once the line is out.
        System.exit(0);
    }

    /** The CPU time this process has used so far, in ms (all its threads: the JIT compilers and the collector too), or -1. */
    static long cpuMillis() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                long ns = os.getProcessCpuTime();
                return ns < 0 ? -1 : ns / 1_000_000;
            }
        } catch (LinkageError e) {
            // a runtime linked without jdk.management (an app image of old): no CPU figure, never a crash
        }
        return -1;
    }

    /** Installs the probe on the application's main stage if the property asks for it; it exits after the first paint. */
    public static void installIfRequested(Stage stage) {
        if (requested()) install(stage, StartupProbe::print, StartupProbe::exit);
    }

    /**
     * As {@link #installIfRequested(Stage)} for an application that shows its window first and
     * fills it afterwards: after {@code FIRST_PAINT} (the window) the probe waits for
     * {@link #ready()}, prints {@code READY} with the same figures as {@code FIRST_PAINT} once the frame
     * after it has been drawn (the window with its content), then exits.
     */
    public static void installWithReadyIfRequested(Stage stage) {
        if (!requested()) return;
        install(stage, StartupProbe::print, () -> { });
        readyReport = () -> afterPaint(stage, "READY", StartupProbe::print, StartupProbe::exit);
    }

    private static Runnable readyReport;

    /** Tells the probe the application's content is in the window (on the JavaFX thread); a no-op without the probe. */
    public static void ready() {
        Runnable r = readyReport;
        readyReport = null;
        if (r != null) r.run();
    }

    /** Reports to {@code out} once {@code stage} has painted its first frame, then runs {@code done}. */
    static void install(Stage stage, Consumer<String> out, Runnable done) {
        afterPaint(stage, "FIRST_PAINT", out, done);
    }

    /**
     * Prints {@code WHAT <ms since JVM start> <epoch ms> <CPU ms> <JavaFX thread CPU ms>} once the
     * stage is showing and its next frame is on the screen ({@link FrameShown}). The JavaFX
     * thread's own CPU time is the steadiest figure of the four on a shared machine: the clock
     * counts the time others take the cores, and the process's CPU counts its JIT compilers and
     * collector, whose work moves with the load.
     */
    static void afterPaint(Stage stage, String what, Consumer<String> out, Runnable done) {
        FrameShown.then(stage, () -> {
            long painted = System.currentTimeMillis();
            long sinceStart = painted - ManagementFactory.getRuntimeMXBean().getStartTime();
            out.accept(what + " " + sinceStart + " " + painted + " " + cpuMillis() + " " + threadCpuMillis());
            if (requested()) printEarlyMarks();
            done.run();
        });
    }

    /** The CPU time the calling thread has used so far, in ms, or -1 where the JVM cannot say. */
    static long threadCpuMillis() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) return -1;
        long ns = threads.getCurrentThreadCpuTime();
        return ns < 0 ? -1 : ns / 1_000_000;
    }
}
