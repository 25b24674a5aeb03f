/**
 * Camera recording (录像, issue 22; docs/recordings.md): each camera recorded continuously or on events in short MP4
 * segments by an ffmpeg per camera (the video feature's {@code FfmpegProcess}), a retention period enforced, a clip
 * kept for every new alarm from the recorded cameras covering it ({@code AlarmChanged}), search by place and time,
 * playback and export, each audited. The only public type is {@link org.redwhistle.api.recordings.RecordingMode};
 * the rest is {@code internal}.
 */
package org.redwhistle.api.recordings;
