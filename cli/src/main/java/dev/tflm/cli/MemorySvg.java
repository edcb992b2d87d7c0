package dev.tflm.cli;

import dev.tflm.MemoryReport;
import dev.tflm.MemoryReport.PlanEntry;
import dev.tflm.TensorInfo;
import java.util.List;

/**
 * The activation plan as an SVG picture: steps (operators) left to right, arena offsets bottom to
 * top, one rectangle per planned buffer over its lifetime (tensors blue, scratch buffers orange,
 * tensors sharing a buffer drawn once), a dashed line at the plan's size, the step where the plan
 * peaks marked red, and the live-tensor bound as a dotted line. A plain SVG file any browser
 * opens: no script, no external resources.
 */
final class MemorySvg {
    private static final int WIDTH = 960, HEIGHT = 540, LEFT = 80, RIGHT = 20, TOP = 40, BOTTOM = 50;

    private MemorySvg() {
    }

    static String render(String title, MemoryReport report, List<TensorInfo> tensors) {
        int steps = Math.max(1, report.steps());
        long top = Math.max(1, Math.max(report.planned(), report.liveBound()));
        double stepWidth = (double) (WIDTH - LEFT - RIGHT) / steps;
        double perByte = (double) (HEIGHT - TOP - BOTTOM) / top;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format("<title>%s</title>%n", escape(title)));
        svg.append(String.format("<text x=\"%d\" y=\"20\" font-size=\"14\">%s: plan %d bytes, live-tensor bound %d "
                + "bytes (%.2fx)</text>%n", LEFT, escape(title), report.planned(), report.liveBound(),
                report.planOverBound()));
        if (report.planPeakStep() >= 0) {
            double x = LEFT + report.planPeakStep() * stepWidth;
            svg.append(String.format("<rect id=\"peak\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#fdd\"><title>peak at step %d</title></rect>%n", x, TOP, stepWidth,
                    HEIGHT - TOP - BOTTOM, report.planPeakStep()));
        }
        for (PlanEntry e : report.plan()) {
            if (e.aliasOf() >= 0) {
                continue;
            }
            double x = LEFT + e.firstStep() * stepWidth;
            double w = (e.lastStep() - e.firstStep() + 1) * stepWidth;
            double h = Math.max(1, e.bytes() * perByte);
            double y = HEIGHT - BOTTOM - (e.offset() + e.bytes()) * perByte;
            String name = e.scratch() ? "scratch of operator " + e.operator()
                    : "tensor " + e.tensor() + nameOf(tensors, e.tensor());
            svg.append(String.format("<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"><title>%s: %d bytes at %d, steps %d-%d"
                    + "</title></rect>%n", e.scratch() ? "scratch" : "tensor", x, y, w, h,
                    e.scratch() ? "#f5a623" : "#4a90d9", escape(name), e.bytes(), e.offset(), e.firstStep(),
                    e.lastStep()));
        }
        line(svg, "plan", report.planned(), perByte, "#c00", "6,3", "plan " + report.planned());
        line(svg, "bound", report.liveBound(), perByte, "#080", "2,2", "bound " + report.liveBound());
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>%n", LEFT,
                HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(String.format("<text x=\"%d\" y=\"%d\">step (operator) 0 .. %d</text>%n", LEFT,
                HEIGHT - BOTTOM + 20, steps - 1));
        svg.append(String.format("<text x=\"10\" y=\"%d\">offset</text>%n", TOP + 10));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void line(StringBuilder svg, String id, long bytes, double perByte, String color, String dash,
                             String label) {
        double y = HEIGHT - BOTTOM - bytes * perByte;
        svg.append(String.format("<line id=\"%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"%s\"/>%n", id, LEFT, y, WIDTH - RIGHT, y, color, dash));
        svg.append(String.format("<text x=\"4\" y=\"%.1f\" fill=\"%s\">%s</text>%n", y + 4, color, escape(label)));
    }

    private static String nameOf(List<TensorInfo> tensors, int index) {
        return index < tensors.size() && !tensors.get(index).name().isEmpty()
                ? " (" + tensors.get(index).name() + ")" : "";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
