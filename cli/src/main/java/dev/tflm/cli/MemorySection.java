package dev.tflm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tflm.MemoryReport;
import dev.tflm.MemoryReport.OperatorMemory;
import dev.tflm.MemoryReport.PlanEntry;
import dev.tflm.MemoryReport.Purpose;
import dev.tflm.Model;
import dev.tflm.OperatorInfo;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The memory part of {@code inspect --memory}: the native memory report as text or JSON. */
final class MemorySection {
    private MemorySection() {
    }

    static void text(PrintStream out, Model model, MemoryReport r) {
        out.printf("%nmemory (reference kernels, this host's %s-bit pointers: tables are smaller on a 32-bit board)%n",
                System.getProperty("sun.arch.data.model", "64"));
        out.printf("  arena         %d bytes = persistent %d + activation plan %d%s%n", r.arenaBytes(), r.persistent(),
                Math.max(r.planned(), r.tempPeak()), r.padding() > 0 ? " + padding " + r.padding() : "");
        out.printf("  persistent by purpose%n");
        for (Map.Entry<Purpose, Long> e : r.persistentByPurpose().entrySet()) {
            if (e.getValue() > 0) {
                out.printf("    %-48s %8d%n", e.getKey().label(), e.getValue());
            }
        }
        out.printf("  persistent and scratch by operator%n");
        out.printf("    %4s  %-24s %8s %8s %8s %8s %8s%n", "op", "name", "op data", "quant", "packed", "vars",
                "scratch");
        List<OperatorInfo> ops = model.operators();
        for (OperatorMemory op : r.operators()) {
            String name = op.index() < ops.size() ? ops.get(op.index()).opName() : "(subgraph)";
            out.printf("    %4d  %-24s %8d %8d %8d %8d %8d%n", op.index(), name, op.persistent().get(Purpose.OP_DATA),
                    op.persistent().get(Purpose.QUANTIZATION), op.persistent().get(Purpose.PACKED_WEIGHTS),
                    op.persistent().get(Purpose.VARIABLES), op.scratch());
        }
        out.printf("  activation plan %d bytes, %d buffers over %d steps, highest at step %d%n", r.planned(),
                r.plan().size(), r.steps(), r.planPeakStep());
        if (r.tempPeak() > r.planned()) {
            out.printf("  create's temporary records need %d bytes there, more than the plan%n", r.tempPeak());
        }
        out.printf("  live-tensor bound %d bytes at step %d; plan%s is %.2fx the bound (+%d bytes)%n", r.liveBound(),
                r.liveBoundStep(), r.variableBytes() > 0 ? " + variables" : "", r.planOverBound(),
                r.planned() + r.variableBytes() - r.liveBound());
    }

    static void json(ObjectNode json, MemoryReport r) {
        ObjectNode m = json.putObject("memory");
        m.put("kernels", "reference").put("arena_bytes", r.arenaBytes()).put("persistent_bytes", r.persistent())
                .put("planned_bytes", r.planned()).put("temporary_peak_bytes", r.tempPeak())
                .put("padding_bytes", r.padding()).put("variable_bytes", r.variableBytes())
                .put("live_bound_bytes", r.liveBound()).put("live_bound_step", r.liveBoundStep())
                .put("plan_peak_step", r.planPeakStep()).put("steps", r.steps())
                .put("plan_over_bound", r.planOverBound());
        ObjectNode purposes = m.putObject("persistent_by_purpose");
        r.persistentByPurpose().forEach((p, bytes) -> purposes.put(p.name().toLowerCase(), bytes));
        ArrayNode operators = m.putArray("operators");
        for (OperatorMemory op : r.operators()) {
            ObjectNode o = operators.addObject().put("index", op.index()).put("scratch_bytes", op.scratch());
            ObjectNode persistent = o.putObject("persistent");
            op.persistent().forEach((p, bytes) -> persistent.put(p.name().toLowerCase(), bytes));
        }
        ArrayNode plan = m.putArray("plan");
        for (PlanEntry e : r.plan()) {
            ObjectNode entry = plan.addObject();
            if (e.scratch()) {
                entry.put("scratch_of_operator", e.operator());
            } else {
                entry.put("tensor", e.tensor());
            }
            if (e.aliasOf() >= 0) {
                entry.put("alias_of", e.aliasOf());
            }
            entry.put("bytes", e.bytes()).put("first_step", e.firstStep()).put("last_step", e.lastStep())
                    .put("offset", e.offset());
        }
    }
}
