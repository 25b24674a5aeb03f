// MapLibre 6 loads its worker from a URL it computes at run time, which no bundler can see. Vite's
// "?worker&url" bundles the worker (and its shared chunk) into one file and gives us its URL.
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

setWorkerUrl(workerUrl);
