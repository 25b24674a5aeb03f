package org.redwhistle.api.push;

import java.util.List;

/**
 * Carries pushes raised on this instance to the other instances, which deliver them to their own
 * sessions (see {@link PushHub#deliverRelayed}).
 */
public interface PushRelay {

    /** One payload for one audience. */
    void forward(String destination, Audience audience, byte[] body);

    /** A batch: {@code bodies[i]} is for {@code audiences[i]}; each receiver gets the part its area allows. */
    void forwardBatch(String destination, List<Audience.Area> audiences, List<byte[]> bodies);

    PushRelay NONE = new PushRelay() {
        @Override
        public void forward(String destination, Audience audience, byte[] body) {
        }

        @Override
        public void forwardBatch(String destination, List<Audience.Area> audiences, List<byte[]> bodies) {
        }
    };
}
