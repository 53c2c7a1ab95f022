package io.parley.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** A plain line chart written as PNG with Java2D (headless), for the benchmark report. */
final class Chart {

    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, List<double[]>> series = new LinkedHashMap<>();

    Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    Chart point(String name, double x, double y) {
        if (!Double.isNaN(y)) {
            series.computeIfAbsent(name, n -> new ArrayList<>()).add(new double[] {x, y});
        }
        return this;
    }

    void write(Path file) throws IOException {
        int width = 900;
        int height = 520;
        int left = 80;
        int right = 30;
        int top = 50;
        int bottom = 60;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        double maxX = series.values().stream()
                .flatMap(List::stream)
                .mapToDouble(p -> p[0])
                .max()
                .orElse(1);
        double maxY = niceCeiling(series.values().stream()
                .flatMap(List::stream)
                .mapToDouble(p -> p[1])
                .max()
                .orElse(1));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 5; i++) {
            int y = top + plotHeight - plotHeight * i / 5;
            g.setColor(new Color(0xe5e5e5));
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(maxY * i / 5);
            g.drawString(label, left - 8 - fm.stringWidth(label), y + 4);
        }
        for (int i = 0; i <= 5; i++) {
            int x = left + plotWidth * i / 5;
            String label = format(maxX * i / 5);
            g.drawString(label, x - fm.stringWidth(label) / 2, top + plotHeight + 18);
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, plotWidth, plotHeight);
        g.setColor(Color.DARK_GRAY);
        g.drawString(xLabel, left + plotWidth / 2 - fm.stringWidth(xLabel) / 2, height - 18);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + plotHeight / 2) - fm.stringWidth(yLabel) / 2, 22);
        g.rotate(Math.PI / 2);

        int index = 0;
        for (var entry : series.entrySet()) {
            Color colour = COLOURS[index % COLOURS.length];
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.2f));
            int[] previous = null;
            for (double[] p : entry.getValue()) {
                int x = left + (int) (plotWidth * p[0] / maxX);
                int y = top + plotHeight - (int) (plotHeight * Math.min(p[1], maxY) / maxY);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                previous = new int[] {x, y};
            }
            int legendX = left + 12 + index * 130;
            g.fillRect(legendX, top + 10, 14, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(entry.getKey(), legendX + 20, top + 16);
            index++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        return value >= 100 || value == Math.rint(value)
                ? String.valueOf(Math.round(value))
                : String.format("%.1f", value);
    }
}
