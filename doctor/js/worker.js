// The doctor's worker: h5wasm, the spec and the doctor's modules, loaded once; then each
// message is one inspection of the files the reader picked, read in place (a File is read
// where the doctor looks, never copied whole, never sent anywhere).
// HDF5 prints its error stack to the console: the worker's console is silenced before
// h5wasm loads (what went wrong is the one line the page shows).
for (const level of ["log", "info", "warn", "error", "debug"]) console[level] = () => {};

const FS_ROOT = "/picked";

async function start() {
  const [h5, tables, findings, report, errors, target] = await Promise.all([
    import("./vendor/h5wasm/hdf5_hl.js"), import("./tables.js"), import("./findings.js"),
    import("./report.js"), import("./errors.js"), import("./target.js")]);
  await tables.load(new URL("../keras_doctor/spec/", import.meta.url));
  const Module = await h5.ready;
  Module.FS.mkdir(FS_ROOT);
  return { h5: { ...h5, Module }, ...findings, ...report, ...errors, ...target };
}

const ready = start();
ready.then(() => postMessage({ loaded: true }),
           (e) => postMessage({ loaded: false, error: `the doctor could not start: ${e.message}` }));

function source(file, path) {
  const reader = new FileReaderSync();
  return {
    name: file.name, path, size: file.size, file,
    read(offset, length) {
      const end = Math.min(offset + length, file.size);
      if (end <= offset) return new Uint8Array(0);
      return new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, end)));
    },
  };
}

// one line, as the CLI's stderr: what the reader sees when the file cannot be read
function oneLine(lib, error) {
  if (error instanceof lib.DoctorError) return error.message;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return "nested too deeply to be a model";
  }
  if (error instanceof RangeError) return "too large to read";
  const text = String((error && error.message) || error).split("\n")[0];
  return `cannot read it (${(error && error.name) || "Error"}: ${text})`;
}

self.onmessage = async (event) => {
  const { id, picked, keras } = event.data;
  let lib;
  try {
    lib = await ready;
  } catch (e) {
    postMessage({ id, error: `the doctor could not start: ${e.message}`, fatal: true });
    return;
  }
  const { FS } = lib.h5.Module;
  const mounts = [];
  const env = {
    h5: lib.h5,
    // an HDF5 file mounted where the HDF5 library opens it, read in place: a picked file, a
    // slice of one (a .keras's stored model.weights.h5), or bytes inflated here
    openH5(src) {
      const dir = `${FS_ROOT}/${mounts.length}`;
      FS.mkdir(dir);
      mounts.push(dir);
      const name = src.file ? src.file.name : src.name;
      const data = src.parent ? src.parent.file.slice(src.start, src.start + src.size)
        : new Blob([src.bytes]);
      FS.mount(FS.filesystems.WORKERFS, src.file ? { files: [src.file] } : { blobs: [{ name, data }] },
               dir);
      return new lib.h5.File(`${dir}/${name}`, "r");
    },
  };
  const started = performance.now();
  try {
    const sources = picked.map(({ file, path }) => source(file, path));
    let report = lib.diagnose(sources, env);
    if (keras) report.target = lib.target(report, keras);  // the CLI's --keras
    report = lib.clean(report);
    postMessage({ id, report, json: lib.toJson(report), ms: performance.now() - started });
  } catch (e) {
    const fatal = !(e instanceof lib.DoctorError);  // the library may be left unusable
    postMessage({ id, error: oneLine(lib, e), fatal });
  } finally {
    for (const dir of mounts) {
      try { FS.unmount(dir); } catch { /* a corrupt file's handle left open */ }
      try { FS.rmdir(dir); } catch { /* still mounted */ }
    }
  }
};
