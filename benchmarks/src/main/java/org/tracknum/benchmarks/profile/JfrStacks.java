package org.tracknum.benchmarks.profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Collapsed stacks from the {@code jdk.ExecutionSample} events of a JFR recording (Java threads
 * running Java code; JFR does not sample native or kernel code):
 * {@code java -cp benchmarks.jar org.tracknum.benchmarks.profile.JfrStacks recording.jfr > out.collapsed}.
 * Each output line is {@code root;...;leaf count}, frames named {@code package.Class.method};
 * a stack cut at the recording's stack depth starts with {@code [truncated]}.
 */
public final class JfrStacks {
    private JfrStacks() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JfrStacks <recording.jfr>   (collapsed stacks on standard output)");
            System.exit(2);
        }
        Map<String, Long> stacks = collapse(Path.of(args[0]));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        stacks.forEach((stack, count) -> out.println(stack + " " + count));
        out.flush();
    }

    /** Sample count per distinct stack, root first. */
    static Map<String, Long> collapse(Path recording) throws IOException {
        Map<String, Long> stacks = new TreeMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                stacks.merge(collapse(event.getStackTrace()), 1L, Long::sum);
            }
        }
        return stacks;
    }

    private static String collapse(RecordedStackTrace trace) {
        List<RecordedFrame> frames = trace.getFrames();
        StringBuilder b = new StringBuilder();
        if (trace.isTruncated()) {
            b.append("[truncated]");
        }
        for (int i = frames.size() - 1; i >= 0; i--) {
            RecordedFrame f = frames.get(i);
            if (b.length() > 0) {
                b.append(';');
            }
            String type = f.getMethod().getType() == null ? "?" : f.getMethod().getType().getName();
            b.append(type).append('.').append(f.getMethod().getName());
        }
        return b.toString().replace(' ', '_');
    }
}
