#!/usr/bin/python3
"""Simulated cameras' live video: one GStreamer RTSP server, one mount per camera id.

    /usr/bin/python3 scripts/camera-streams.py [--port 8554] [--address 127.0.0.1] [--fps 10]

rtsp://ADDRESS:PORT/<cameraId> serves H.264 (x264, baseline, zero-latency, ~1 s GOP, 640x480) made
from opencv-doc's vtest.avi, looped. Any path that looks like a device id is a camera (its mount is
made when a client first asks). Clients of one camera share one encoder (shared media), and nothing
is decoded or encoded while nobody watches.

Every frame carries the time it entered the encoder: a human-readable clock (Asia/Shanghai, ms) at
the top and, at the bottom, a machine-readable strip a browser can read back from a canvas:
STRIP_BITS blocks of BLOCK_W x BLOCK_H pixels at (STRIP_X, STRIP_Y), white = 1, black = 0,
most significant first: 42 bits of the epoch milliseconds, then 8 bits of (ms mod 251) as a check.

Needs Debian's python3-gi, gir1.2-gst-rtsp-server-1.0 and gstreamer1.0-plugins-{base,good,ugly}
(scripts/lib/services.sh rw_ensure_camera_streams). Prints "ready rtsp://ADDRESS:PORT/" when listening.
"""
import argparse
import datetime
import os
import re
import signal
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

WIDTH, HEIGHT = 640, 480
STRIP_X, STRIP_Y, BLOCK_W, BLOCK_H = 20, 452, 12, 20
VALUE_BITS, CHECK_BITS = 42, 8
STRIP_BITS = VALUE_BITS + CHECK_BITS
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
CAMERA_ID = re.compile(r"^/[A-Za-z0-9._-]{1,64}$")
SAMPLE = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"


def strip_row(ms):
    """One luma row of the strip for this time: the blocks' values over the full frame width."""
    bits = format(ms & ((1 << VALUE_BITS) - 1), "0%db" % VALUE_BITS) + format(ms % 251, "0%db" % CHECK_BITS)
    row = bytearray(b"\x80" * WIDTH)
    row[STRIP_X - 4:STRIP_X + STRIP_BITS * BLOCK_W + 4] = b"\x10" * (STRIP_BITS * BLOCK_W + 8)
    for i, b in enumerate(bits):
        x = STRIP_X + i * BLOCK_W
        row[x:x + BLOCK_W] = (b"\xeb" if b == "1" else b"\x10") * BLOCK_W
    return bytes(row)


class Source:
    """One looping decoder of the sample at the cameras' size and rate, running only while a camera is watched."""

    def __init__(self, path, fps):
        self.sinks = set()  # the watched cameras' appsrcs
        self.lock = threading.Lock()
        self.pipeline = Gst.parse_launch(
            f'filesrc location="{path}" ! decodebin ! videoconvert ! videoscale ! videorate '
            f"! video/x-raw,format=I420,width={WIDTH},height={HEIGHT},framerate={fps}/1 "
            "! appsink name=sink sync=true emit-signals=true max-buffers=2 drop=true")
        self.pipeline.get_by_name("sink").connect("new-sample", self.on_sample)
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message::eos", lambda *_: self.pipeline.seek_simple(Gst.Format.TIME, Gst.SeekFlags.FLUSH | Gst.SeekFlags.KEY_UNIT, 0))
        bus.connect("message::error", lambda _b, m: print("camera-streams: source error", m.parse_error(), file=sys.stderr, flush=True))

    def add(self, appsrc):
        with self.lock:
            self.sinks.add(appsrc)
            first = len(self.sinks) == 1
        if first:
            self.pipeline.set_state(Gst.State.PLAYING)

    def remove(self, appsrc):
        with self.lock:
            self.sinks.discard(appsrc)
            last = not self.sinks
        if last:
            self.pipeline.set_state(Gst.State.PAUSED)

    def on_sample(self, sink):
        sample = sink.emit("pull-sample")
        ok, info = sample.get_buffer().map(Gst.MapFlags.READ)
        if not ok:
            return Gst.FlowReturn.OK
        frame = bytes(info.data)
        sample.get_buffer().unmap(info)
        with self.lock:
            sinks = list(self.sinks)
        for appsrc in sinks:
            appsrc.stamp_and_push(frame)
        return Gst.FlowReturn.OK


class Camera:
    """The encoder of one watched camera: stamps each frame with the time and pushes it to its shared media."""

    def __init__(self, camera_id, appsrc, clock):
        self.camera_id = camera_id
        self.appsrc = appsrc
        self.clock = clock

    def stamp_and_push(self, frame):
        ms = int(time.time() * 1000)
        buf = bytearray(frame)
        row = strip_row(ms)
        for y in range(STRIP_Y - 4, STRIP_Y + BLOCK_H + 4):
            buf[y * WIDTH:(y + 1) * WIDTH] = row if STRIP_Y <= y < STRIP_Y + BLOCK_H else strip_edge(row)
        # neutral chroma under the strip, so that white is white and black is black in RGB
        cw = WIDTH // 2
        u0, v0 = WIDTH * HEIGHT, WIDTH * HEIGHT + cw * (HEIGHT // 2)
        for y in range((STRIP_Y - 4) // 2, (STRIP_Y + BLOCK_H + 4) // 2):
            buf[u0 + y * cw:u0 + (y + 1) * cw] = b"\x80" * cw
            buf[v0 + y * cw:v0 + (y + 1) * cw] = b"\x80" * cw
        when = datetime.datetime.fromtimestamp(ms / 1000, SHANGHAI)
        self.clock.set_property("text", f"{self.camera_id}  {when:%Y-%m-%d %H:%M:%S}.{ms % 1000:03d}")
        self.appsrc.emit("push-buffer", Gst.Buffer.new_wrapped(bytes(buf)))


def strip_edge(row):
    """The strip's dark frame rows above and below the blocks."""
    edge = bytearray(row)
    edge[STRIP_X - 4:STRIP_X + STRIP_BITS * BLOCK_W + 4] = b"\x10" * (STRIP_BITS * BLOCK_W + 8)
    return bytes(edge)


class CameraFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, camera_id, source, fps, bitrate):
        super().__init__()
        self.camera_id = camera_id
        self.source = source
        self.set_shared(True)
        self.set_launch(
            f"( appsrc name=src is-live=true do-timestamp=true format=time "
            f"caps=video/x-raw,format=I420,width={WIDTH},height={HEIGHT},framerate={fps}/1 "
            "! textoverlay name=clock font-desc=\"Monospace 14\" valignment=top halignment=left shaded-background=true "
            f"! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={bitrate} threads=1 "
            "! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )")
        self.connect("media-configure", self.on_configure)

    def on_configure(self, _factory, media):
        bin_ = media.get_element()
        camera = Camera(self.camera_id, bin_.get_by_name("src"), bin_.get_by_name("clock"))
        self.source.add(camera)
        print(f"camera-streams: encoding {self.camera_id}", flush=True)

        def unprepared(_media):
            self.source.remove(camera)
            print(f"camera-streams: stopped {self.camera_id}", flush=True)
        media.connect("unprepared", unprepared)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=int(os.environ.get("RW_CAMERA_STREAMS_PORT", "8554")))
    ap.add_argument("--address", default="127.0.0.1")
    ap.add_argument("--fps", type=int, default=10, help="frames per second (the GOP is one second)")
    ap.add_argument("--bitrate", type=int, default=600, help="kbit/s per camera")
    ap.add_argument("--sample", default=SAMPLE)
    args = ap.parse_args()
    if not os.path.isfile(args.sample):
        sys.exit(f"camera-streams: no sample video at {args.sample} (Debian package opencv-doc)")

    Gst.init(None)
    # every element the pipelines use, checked once: a missing plugin would otherwise show only as 503 to each client
    needed = {"textoverlay": "gstreamer1.0-x", "x264enc": "gstreamer1.0-plugins-ugly", "decodebin": "gstreamer1.0-plugins-base",
              "rtph264pay": "gstreamer1.0-plugins-good", "appsrc": "gstreamer1.0-plugins-base"}
    missing = [f"{e} (Debian package {pkg})" for e, pkg in needed.items() if Gst.ElementFactory.find(e) is None]
    if missing:
        sys.exit("camera-streams: GStreamer elements missing: " + ", ".join(missing))
    source = Source(args.sample, args.fps)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.address)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    made = set()

    def on_request(_client, ctx):
        path = ctx.uri.abspath if ctx.uri else ""
        if CAMERA_ID.match(path) and path not in made:
            made.add(path)
            mounts.add_factory(path, CameraFactory(path[1:], source, args.fps, args.bitrate))
        return GstRtsp.RTSPStatusCode.OK

    def on_client(_server, client):
        client.connect("pre-options-request", on_request)
        client.connect("pre-describe-request", on_request)

    server.connect("client-connected", on_client)
    if server.attach(None) == 0:
        sys.exit(f"camera-streams: cannot listen on {args.address}:{args.port}")
    loop = GLib.MainLoop()
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    print(f"ready rtsp://{args.address}:{args.port}/", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
