package org.redwhistle.api.cases;

/** When a photo of a case was taken: sent with the request, or by the handler before or after the work. */
public enum PhotoStage {
    SUBMITTED("群众上传"),
    BEFORE("处置前"),
    AFTER("处置后");

    private final String label;

    PhotoStage(String label) {
        this.label = label;
    }

    /** In words, as users read it. */
    public String label() {
        return label;
    }
}
