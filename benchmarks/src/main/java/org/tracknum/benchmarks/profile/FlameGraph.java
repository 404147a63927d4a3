package org.tracknum.benchmarks.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws collapsed stacks ({@code root;...;leaf count} per line, from async-profiler or
 * {@link JfrStacks}) as a static SVG flame graph: the root at the bottom, each frame as wide as
 * its share of the samples, callees above their caller, siblings in name order; hovering a frame
 * shows its name, samples and share. Colours: Java green, kernel ({@code _[k]}) orange, JVM C++
 * ({@code ::}) yellow, other native code red.
 * {@code java -cp benchmarks.jar org.tracknum.benchmarks.profile.FlameGraph "title" < in.collapsed > out.svg}.
 */
public final class FlameGraph {
    static final int WIDTH = 1200;
    static final int FRAME_HEIGHT = 16;
    private static final int MARGIN = 10;
    private static final int HEADER = 36;
    private static final double CHAR_WIDTH = 6.2;
    private static final double MIN_WIDTH = 0.3;

    /** A frame in the merged call tree. */
    static final class Node {
        final String name;
        final Map<String, Node> children = new TreeMap<>();
        long samples;

        Node(String name) {
            this.name = name;
        }

        Node child(String frame) {
            return children.computeIfAbsent(frame, Node::new);
        }

        /** Levels of the frames at least {@code minSamples} wide (the ones drawn). */
        int depth(double minSamples) {
            int d = 0;
            for (Node c : children.values()) {
                if (c.samples >= minSamples) {
                    d = Math.max(d, c.depth(minSamples));
                }
            }
            return d + 1;
        }
    }

    private FlameGraph() {
    }

    public static void main(String[] args) throws IOException {
        String title = args.length > 0 ? args[0] : "Flame graph";
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.print(svg(title, parse(lines)));
        out.flush();
    }

    /** The call tree of collapsed-stack lines; lines that are not {@code stack count} are skipped. */
    static Node parse(List<String> lines) {
        Node root = new Node("all");
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).strip());
            } catch (NumberFormatException e) {
                continue;
            }
            root.samples += count;
            Node node = root;
            for (String frame : line.substring(0, space).split(";")) {
                node = node.child(frame);
                node.samples += count;
            }
        }
        return root;
    }

    static String svg(String title, Node root) {
        double scale = root.samples == 0 ? 0 : (WIDTH - 2.0 * MARGIN) / root.samples;
        int depth = root.depth(scale == 0 ? 0 : MIN_WIDTH / scale);
        int height = HEADER + depth * FRAME_HEIGHT + 2 * MARGIN;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version='1.0' encoding='UTF-8'?>\n")
                .append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='").append(height)
                .append("' font-family='Verdana, sans-serif' font-size='11'>\n")
                .append("<rect width='100%' height='100%' fill='#fafafa'/>\n")
                .append("<text x='").append(WIDTH / 2).append("' y='20' font-size='15' text-anchor='middle'>")
                .append(escape(title)).append("</text>\n")
                .append("<text x='").append(MARGIN).append("' y='").append(HEADER - 4).append("' fill='#555'>")
                .append(String.format(Locale.ROOT, "%,d samples; width = share of samples; hover a frame for its figures", root.samples))
                .append("</text>\n");
        if (root.samples > 0) {
            draw(b, root, root.samples, MARGIN, height - MARGIN - FRAME_HEIGHT, scale);
        }
        return b.append("</svg>\n").toString();
    }

    private static void draw(StringBuilder b, Node node, long total, double x, double y, double scale) {
        double w = node.samples * scale;
        if (w < MIN_WIDTH) {
            return;
        }
        String tip = String.format(Locale.ROOT, "%s (%,d samples, %.2f%%)", node.name, node.samples, 100.0 * node.samples / total);
        b.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x='%.1f' y='%.1f' width='%.1f' height='%d' fill='%s' rx='2'/>",
                escape(tip), x, y, w, FRAME_HEIGHT - 1, color(node.name)));
        int chars = (int) ((w - 6) / CHAR_WIDTH);
        if (chars >= 3) {
            String text = node.name.length() <= chars ? node.name : node.name.substring(0, chars - 2) + "..";
            b.append(String.format(Locale.ROOT, "<text x='%.1f' y='%.1f'>%s</text>", x + 3, y + FRAME_HEIGHT - 4, escape(text)));
        }
        b.append("</g>\n");
        double cx = x;
        for (Node child : node.children.values()) {
            draw(b, child, total, cx, y - FRAME_HEIGHT, scale);
            cx += child.samples * scale;
        }
    }

    /** A colour by kind of frame, its shade varied by the name so neighbours differ. */
    static String color(String frame) {
        int v = Math.floorMod(frame.hashCode(), 55);
        if (frame.endsWith("_[k]")) {
            return rgb(230, 130 + v, 40);
        }
        if (frame.contains("::")) {
            return rgb(210 + v / 2, 200 + v / 2, 60);
        }
        if (frame.indexOf('/') > 0 || frame.indexOf('.') > 0 || frame.equals("all")) {
            return rgb(80 + v, 180 + v / 2, 80);
        }
        return rgb(220, 90 + v, 80);
    }

    private static String rgb(int r, int g, int b) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.min(r, 255), Math.min(g, 255), Math.min(b, 255));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;");
    }
}
