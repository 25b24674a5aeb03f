package org.redwhistle.api.mediation.internal;

import java.time.Duration;
import java.util.List;

import org.redwhistle.api.mediation.MediationLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The village mediation chain (小调解).
 *
 * @param agentDays     working days a household's 代办员 has to settle a dispute before it is flagged overdue and the
 *                      mediators and 和事佬 are alerted
 * @param mediationDays working days the mediators and 和事佬 have before it is flagged overdue and the legal advisers
 *                      are alerted
 * @param legalDays     working days the legal advisers have before it is flagged overdue and the village's
 *                      committee is alerted (to refer it out of the village)
 * @param sweepInterval how often the overdue sweep runs (once per cluster; read by its {@code @Scheduled} under the
 *                      same name)
 * @param font          the CJK TrueType font (.ttf or .ttc with TrueType outlines) the agreements and files (PDF) embed;
 *                      empty: the first of {@link #FONTS} that exists (Debian's fonts-wqy-microhei or fonts-wqy-zenhei).
 *                      Noto CJK's OpenType/CFF outlines do not embed in PDFBox.
 */
@ConfigurationProperties("redwhistle.mediation")
public record MediationProperties(@DefaultValue("3") int agentDays, @DefaultValue("10") int mediationDays, @DefaultValue("15") int legalDays,
        @DefaultValue("60s") Duration sweepInterval, @DefaultValue("") String font) {

    /** Where Debian's packages put the fonts that embed, in the order they are tried. */
    public static final List<String> FONTS = List.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    public MediationProperties {
        check("agent-days", agentDays);
        check("mediation-days", mediationDays);
        check("legal-days", legalDays);
    }

    private static void check(String name, int days) {
        if (days < 1 || days > 60) {
            throw new IllegalArgumentException("redwhistle.mediation." + name + ": from 1 to 60 working days, not " + days);
        }
    }

    /** The time limit of a level, in working days. */
    public int days(MediationLevel level) {
        return switch (level) {
            case AGENT -> agentDays;
            case MEDIATION -> mediationDays;
            case LEGAL -> legalDays;
        };
    }
}
