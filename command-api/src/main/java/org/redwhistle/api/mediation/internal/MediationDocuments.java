package org.redwhistle.api.mediation.internal;

import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.mediation.internal.MediationStore.Party;
import org.redwhistle.api.mediation.internal.MediationStore.Row;
import org.redwhistle.api.mediation.internal.MediationStore.Session;
import org.redwhistle.api.mediation.internal.MediationStore.Step;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The mediation chain's documents as PDF: the agreement (人民调解协议书: the parties with their details, the
 * facts, the agreed terms, how and by when they are performed, the signatures) and the referral file
 * (卷宗: the dispute, its parties, levels with dates, sessions). The font is found at run time
 * ({@link MediationProperties#font()}); without one the documents are refused with a 503 saying what to install.
 */
@Component
class MediationDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final MediationProperties props;

    MediationDocuments(MediationProperties props) {
        this.props = props;
    }

    /** The font file the documents embed; a 503 naming the package to install when there is none. */
    File font() {
        List<String> candidates = props.font().isBlank() ? MediationProperties.FONTS : List.of(props.font());
        return candidates.stream().map(File::new).filter(File::canRead).findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "No CJK font",
                        "no CJK TrueType font to embed in the PDF (looked for " + candidates
                                + "): install the Debian package fonts-wqy-microhei, or set redwhistle.mediation.font",
                        List.of()));
    }

    /** The agreement; {@code signed} with the sign-off filled in, otherwise blank lines to sign on paper. */
    byte[] agreement(Row d, String village, List<Party> parties, List<Session> sessions) {
        try (PdfWriter pdf = new PdfWriter(font())) {
            pdf.title(village + "人民调解协议书");
            pdf.paragraph("编号：" + number(d) + "　　纠纷类别：" + d.category().label());
            pdf.heading("一、当事人");
            for (Party p : parties) {
                pdf.paragraph(p.side().label() + "：" + p.name() + (p.details() == null || p.details().isBlank() ? "" : "（" + p.details() + "）"));
            }
            pdf.heading("二、纠纷主要事实、争议事项");
            pdf.paragraph(d.facts() == null || d.facts().isBlank() ? d.description() : d.facts());
            pdf.heading("三、经调解，自愿达成如下协议");
            pdf.paragraph(d.terms());
            pdf.heading("四、履行方式、时限");
            pdf.paragraph((d.performance() == null ? "" : d.performance())
                    + (d.performanceDue() == null ? "" : "\n履行期限：" + DAY.format(d.performanceDue()) + "前履行完毕。"));
            pdf.paragraph("本协议书一式三份，双方当事人、人民调解组织各持一份，自各方当事人签名、调解员签名并加盖调解组织印章之日起生效。"
                    + "当事人应当按照约定履行。");
            pdf.heading("五、调解经过");
            pdf.paragraph(sessions.isEmpty() ? "（无调解记录）" : sessions.stream()
                    .map(s -> time(s.heldAt()) + "　" + s.place() + "　调解人：" + s.mediators())
                    .collect(Collectors.joining("\n")));
            pdf.heading("六、签名");
            pdf.paragraph(parties.stream().map(p -> p.side().label() + "（签名）：" + (d.signedAt() == null ? "________________" : p.name() + "（已确认）"))
                    .collect(Collectors.joining("\n")));
            pdf.paragraph("调解员（签名）：" + (d.mediatorSignedBy() == null ? "________________" : d.mediatorSignedBy()) + "　　调解层级："
                    + d.level().label());
            pdf.paragraph(d.signedAt() == null ? "日期：______年____月____日"
                    : "当事人确认：" + d.partiesConfirmed() + "\n签署日期：" + time(d.signedAt()));
            pdf.gap();
            pdf.paragraph("（" + village + "人民调解委员会）");
            return pdf.toBytes();
        }
    }

    /** The referral file (卷宗). */
    byte[] file(Row d, String village, String referredTo, List<Party> parties, List<Session> sessions, List<Step> steps, Instant at) {
        try (PdfWriter pdf = new PdfWriter(font())) {
            pdf.title(village + "矛盾纠纷调解卷宗");
            pdf.paragraph("编号：" + number(d) + "\n移交：" + referredTo + "\n移交时间：" + time(at));
            pdf.heading("纠纷");
            pdf.paragraph(d.title() + "（" + d.category().label() + "）\n" + d.description());
            pdf.heading("当事人");
            for (Party p : parties) {
                pdf.paragraph(p.side().label() + "：" + p.name() + (p.details() == null || p.details().isBlank() ? "" : "（" + p.details() + "）"));
            }
            pdf.heading("调解层级与经过");
            for (Step s : steps) {
                pdf.paragraph(time(s.at()) + "　" + s.level().label() + "　" + s.action() + "　" + s.actor() + (s.note() == null ? "" : "：" + s.note()));
            }
            pdf.heading("调解记录");
            if (sessions.isEmpty()) {
                pdf.paragraph("（无）");
            }
            for (Session s : sessions) {
                pdf.paragraph(time(s.heldAt()) + "　" + s.place() + "（" + s.level().label() + "）\n调解人：" + s.mediators() + "　到场：" + s.present()
                        + "\n" + s.notes());
                pdf.gap();
            }
            return pdf.toBytes();
        }
    }

    static String number(Row d) {
        return d.openedAt().atZone(WorkingCalendar.CHINA).getYear() + "-调-" + d.id();
    }

    static String time(Instant t) {
        return TIME.format(t.atZone(WorkingCalendar.CHINA));
    }

    static String day(LocalDate d) {
        return DAY.format(d);
    }
}
