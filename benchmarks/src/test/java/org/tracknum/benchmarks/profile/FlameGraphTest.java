package org.tracknum.benchmarks.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FlameGraphTest {
    @Test
    void mergesStacksByFrameAndSizesFramesBySamples() {
        FlameGraph.Node root = FlameGraph.parse(List.of(
                "main;a;b 3", "main;a;c 1", "main;d 4", "not a stack line", "main;a;b 2"));
        assertThat(root.samples).isEqualTo(10);
        FlameGraph.Node main = root.children.get("main");
        assertThat(main.samples).isEqualTo(10);
        assertThat(main.children.get("a").samples).isEqualTo(6);
        assertThat(main.children.get("a").children.get("b").samples).isEqualTo(5);
        assertThat(main.children.get("d").samples).isEqualTo(4);
        assertThat(root.depth(0)).isEqualTo(4);
        assertThat(root.depth(6)).as("frames of fewer than 6 samples are not drawn").isEqualTo(3);
    }

    @Test
    void drawsEveryFrameWithItsShareAndEscapesNames() {
        FlameGraph.Node root = FlameGraph.parse(List.of("java/lang/Thread.run;Map<K,V>.get 3", "java/lang/Thread.run;write_[k] 1"));
        String svg = FlameGraph.svg("t & t", root);
        assertThat(svg).startsWith("<?xml").endsWith("</svg>\n")
                .contains("t &amp; t")
                .contains("Map&lt;K,V&gt;.get (3 samples, 75.00%)")
                .contains("write_[k] (1 samples, 25.00%)")
                .doesNotContain("Map<K");
        // The root spans the drawing width; a frame with 3 of 4 samples three quarters of it.
        double full = FlameGraph.WIDTH - 20.0;
        assertThat(svg).contains(String.format(Locale.ROOT, "width='%.1f'", full)).contains(String.format(Locale.ROOT, "width='%.1f'", full * 0.75));
    }
}
