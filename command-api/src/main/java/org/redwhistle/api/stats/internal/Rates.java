package org.redwhistle.api.stats.internal;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The one definition of the three rates (三率) and the composite, applied to raw counts, and the words
 * that state it: in English in the JSON answers, in Chinese in the reports' 指标说明 sheet. Definitions
 * (REFERENCE-NOTES §3; no primary source gives exact formulas, so they are stated and configurable):
 * <ul>
 * <li>响应率 response rate: cases taken (接单), rejected or merged by their accept deadline ÷ cases
 * dispatched and not withdrawn;</li>
 * <li>解决率 resolution rate: evaluations saying resolved ÷ evaluations (every evaluation counts, also one
 * that sent the case back for rework);</li>
 * <li>满意率 satisfaction rate: (satisfied + w × basically satisfied) ÷ evaluations, w =
 * {@code redwhistle.stats.basically-satisfied-weight} (1.0);</li>
 * <li>cases closed without an evaluation (逾期未评价) count in both as {@code redwhistle.stats.not-evaluated}
 * says: EXCLUDED (default), or each as a resolved SATISFIED or BASICALLY_SATISFIED evaluation;</li>
 * <li>综合 composite: the three weighted by {@code redwhistle.stats.weights} (0.10, 0.45, 0.45).</li>
 * </ul>
 * A rate with nothing to count is null, not zero.
 */
@Component
public class Rates {

    private final StatsProperties props;

    public Rates(StatsProperties props) {
        this.props = props;
    }

    /** A figure or rate and its definition, in zh-CN. */
    public record Term(String name, String definition) {
    }

    public Figures figures(CaseStatsStore.Counts n) {
        long dispatched = n.accepted() - n.withdrawn();
        long deemed = props.notEvaluated() == StatsProperties.NotEvaluated.EXCLUDED ? 0 : n.notEvaluated();
        long rated = n.rated() + deemed;
        long satisfied = n.satisfied() + (props.notEvaluated() == StatsProperties.NotEvaluated.SATISFIED ? deemed : 0);
        long basically = n.basicallySatisfied() + (props.notEvaluated() == StatsProperties.NotEvaluated.BASICALLY_SATISFIED ? deemed : 0);
        Double response = dispatched == 0 ? null : n.takenInTime() / (double) dispatched;
        Double resolution = rated == 0 ? null : (n.ratedResolved() + deemed) / (double) rated;
        Double satisfaction = rated == 0 ? null : (satisfied + props.basicallySatisfiedWeight() * basically) / rated;
        Double composite = response == null || resolution == null || satisfaction == null ? null
                : props.responseWeight() * response + props.resolutionWeight() * resolution + props.satisfactionWeight() * satisfaction;
        return new Figures(n.accepted(), n.closed(), n.open(), n.overdue(), n.complex(), n.rated(), round(response), round(resolution),
                round(satisfaction), round(composite), n.notEvaluated(), n.withdrawn(), n.rejected(), n.merged());
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }

    /** The definitions in force, in English (the JSON answers). */
    public Definitions definitions() {
        String unevaluated = switch (props.notEvaluated()) {
            case EXCLUDED -> "";
            case SATISFIED -> " (each case closed without an evaluation counts as one evaluation saying resolved and satisfied)";
            case BASICALLY_SATISFIED -> " (each case closed without an evaluation counts as one evaluation saying resolved and basically satisfied)";
        };
        return new Definitions("cases taken, rejected or merged by their accept deadline / cases dispatched and not withdrawn",
                "evaluations saying resolved / evaluations (each evaluation counts, also those that sent a case back)" + unevaluated,
                "(satisfied + " + props.basicallySatisfiedWeight() + " x basically satisfied) / evaluations" + unevaluated,
                props.responseWeight() + " x response + " + props.resolutionWeight() + " x resolution + " + props.satisfactionWeight() + " x satisfaction",
                switch (props.notEvaluated()) {
                    case EXCLUDED -> "redwhistle.stats.not-evaluated = EXCLUDED: cases closed without an evaluation (逾期未评价，系统自动办结) are "
                            + "counted in notEvaluated and closed, and left out of the resolution and satisfaction rates";
                    case SATISFIED -> "redwhistle.stats.not-evaluated = SATISFIED: cases closed without an evaluation (逾期未评价，系统自动办结) "
                            + "count as resolved and satisfied (默认满意)";
                    case BASICALLY_SATISFIED -> "redwhistle.stats.not-evaluated = BASICALLY_SATISFIED: cases closed without an evaluation "
                            + "(逾期未评价，系统自动办结) count as resolved and basically satisfied";
                });
    }

    /** Every figure of the per-unit reports and the definitions in force, in zh-CN (the 指标说明 sheet). */
    public List<Term> glossary() {
        String unevaluated = switch (props.notEvaluated()) {
            case EXCLUDED -> "逾期未评价、系统自动办结的诉求不计入评价数，也不计入解决率和满意率。";
            case SATISFIED -> "逾期未评价、系统自动办结的诉求每件按一次“已解决、满意”的评价计入解决率和满意率（默认满意）。";
            case BASICALLY_SATISFIED -> "逾期未评价、系统自动办结的诉求每件按一次“已解决、基本满意”的评价计入解决率和满意率。";
        };
        return List.of(
                new Term("统计口径", "统计期间内提交的诉求（按提交时间，北京时间，含起不含止），限于查询人的辖区；街道的数字是其所辖社区诉求之和，"
                        + "部门的数字是派给该部门（未退回）的诉求，三率按这些诉求整体计算。比率在没有可计数的诉求时为空，不是 0。北京“接诉即办”以响应率、解决率、满意率（“三率”）考核，"
                        + "公开资料未给出精确公式，本系统的口径如下，权重可配置。"),
                new Term("受理量", "统计期间内提交的诉求件数，含之后撤回、不予受理和合并的。"),
                new Term("办结量", "其中已办结的件数（不含撤回、不予受理、合并）。"),
                new Term("在办量", "其中尚未办结的件数：已派单、已接单、处置中、已处置待评价。"),
                new Term("逾期量", "待接单且已过受理时限、或尚未处置且已过办结时限的件数（以报表生成时间计），加上处置晚于办结时限的件数（已处置或已办结，一经逾期始终计入）。部门的逾期量是它自己的："
                        + "派给它的部分过了它的办理时限仍未上报，或上报晚于时限。"),
                new Term("复杂件", "标记为复杂诉求（办结时限延长）的件数。"),
                new Term("评价数", "居民评价的次数：每次评价都计入，包括评为不满意、退回重办的那一次。"),
                new Term("响应率", "在受理时限内接单、不予受理或合并的件数 ÷（受理量 − 撤回件数）。"),
                new Term("解决率", "评价为“已解决”的次数 ÷ 评价数。" + unevaluated),
                new Term("满意率", "（评价为“满意”的次数 + " + props.basicallySatisfiedWeight() + " ×“基本满意”的次数）÷ 评价数。" + unevaluated),
                new Term("综合得分", props.responseWeight() + " × 响应率 + " + props.resolutionWeight() + " × 解决率 + " + props.satisfactionWeight()
                        + " × 满意率；任一比率为空时为空。"),
                new Term("督办单", "统计期间内因超过时限而向该单位本身发出的督办单件数（按发出时间）；街道不含其所辖社区收到的督办单，部门只计发给该部门的督办单。"),
                new Term("排名", "在同类单位（街道、社区、部门）内排序：逾期量多的在前；逾期量相同时满意率低的在前（没有评价的排在其后）；"
                        + "再按受理量多的在前、单位名称。第 1 名是最需要督促的单位。"));
    }
}
