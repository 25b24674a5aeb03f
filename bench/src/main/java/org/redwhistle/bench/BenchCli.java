package org.redwhistle.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.redwhistle.devices.simulator.LoadCli;
import org.redwhistle.devices.simulator.PushBench;
import org.redwhistle.devices.simulator.Soak;
import org.redwhistle.devices.simulator.VerifyBench;
import org.redwhistle.geo.grid.bench.GridBenchmark;
import org.redwhistle.geo.responders.bench.NearestBenchmark;
import org.redwhistle.ingest.analytics.AnalyticsBench;
import org.redwhistle.ingest.analytics.EvalDetectors;
import org.redwhistle.ingest.pipeline.bench.DatabaseCeiling;

/**
 * The benchmark and load-generator programs, one jar apart from the application
 * ({@code bench/target/red-whistle-bench.jar}; scripts/bench-*.sh run them):
 * {@code java -jar red-whistle-bench.jar <program> <its arguments>}. Each program sits in the
 * package of what it measures, so it may use that feature's internals; none of it is in the
 * application's jar or in the modules it is built from.
 */
public final class BenchCli {

    @FunctionalInterface
    private interface Program {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Program> PROGRAMS = new LinkedHashMap<>();

    static {
        PROGRAMS.put("load", LoadCli::main);                  // bench-ingest: devices publishing at a set rate
        PROGRAMS.put("broker-ceiling", LoadCli::brokerCeiling); // bench-ingest: the broker alone
        PROGRAMS.put("db-ceiling", DatabaseCeiling::main);    // bench-ingest: the database alone
        PROGRAMS.put("push-bench", PushBench::main);          // bench-push
        PROGRAMS.put("soak", Soak::main);                     // soak: an hour of events, positions and STOMP sessions
        PROGRAMS.put("verify-bench", VerifyBench::main);      // bench-analytics, part 2
        PROGRAMS.put("analytics", AnalyticsBench::main);      // bench-analytics, part 1
        PROGRAMS.put("eval-detectors", EvalDetectors::main);  // eval-detectors.sh (issue 22)
        PROGRAMS.put("grid", GridBenchmark::main);            // bench-geo, point -> grid
        PROGRAMS.put("nearest", NearestBenchmark::main);      // bench-geo, nearest responders
    }

    private BenchCli() {
    }

    public static void main(String[] args) throws Exception {
        Program program = args.length == 0 ? null : PROGRAMS.get(args[0]);
        if (program == null) {
            System.err.println("usage: java -jar red-whistle-bench.jar <" + String.join("|", PROGRAMS.keySet()) + "> [arguments]");
            System.exit(2);
        }
        program.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
