package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's {@code /proc} says about a process: resident memory and CPU time used. */
final class ProcFs {

    /** Clock ticks per second of {@code utime}/{@code stime}: USER_HZ, 100 on every Linux ABI in use. */
    static final long TICKS_PER_SECOND = 100;

    private ProcFs() {
    }

    /** @return VmRSS in KiB */
    static long residentKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** @return user + system CPU time of all the process's threads, in clock ticks */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // the command name, in parentheses, may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields here start at field 3 (state); utime and stime are fields 14 and 15
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** @return the machine's busy and total CPU time since boot, in clock ticks, summed over all CPUs */
    static long[] machineTicks() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
        String[] f = cpu.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** @return the 1-, 5- and 15-minute load averages as Linux prints them */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
