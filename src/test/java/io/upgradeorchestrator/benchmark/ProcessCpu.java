package io.upgradeorchestrator.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.upgradeorchestrator.action.ProgramLaunch;

/**
 * CPU time used by this JVM, and on Linux also by the programs it started and waited for (the product's no-op runbook
 * commands): {@code utime + stime + cutime + cstime} of {@code /proc/self/stat}. It grows less than wall-clock time
 * when other builds share the machine (waiting for a core costs no CPU time), so its ratio is the steadier measure of
 * the work each side does; it still grows somewhat (more lock conflicts and retries, colder caches).
 */
final class ProcessCpu {

    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcessCpu() {
    }

    /** Whether child programs are counted (Linux); elsewhere only the JVM's own CPU time is. */
    static boolean includesChildren() {
        return Files.isReadable(STAT);
    }

    static long nanos() {
        if (includesChildren()) {
            long[] split = split();
            return split[0] + split[1];
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Linux only: {JVM's own CPU, its ended child programs' CPU}, in nanoseconds. */
    static long[] split() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            // fields after "(command)": state is field 3, utime/stime/cutime/cstime are fields 14 to 17
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return new long[] {own * 1_000_000_000L / TICKS_PER_SECOND, children * 1_000_000_000L / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + STAT, e);
        }
    }

    /** USER_HZ, the unit of /proc/self/stat's times: 100 on practically every Linux, asked once to be sure. */
    private static long ticksPerSecond() {
        ProgramLaunch.preferVfork(); // the product's choice, made before this JVM's first program (getconf)
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(answer) : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
