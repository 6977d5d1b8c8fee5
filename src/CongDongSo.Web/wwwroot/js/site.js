// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
    // Move focus to a form's error summary so screen readers announce it.
    const errors = document.querySelector(".errors");
    if (errors) { errors.focus(); }
    // Forms that ask for confirmation (leave, disable, merge) before they post.
    document.querySelectorAll("form[data-confirm]").forEach((form) => {
        form.addEventListener("submit", (event) => {
            if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
        });
    });
});

// Offline copies of the field app (js/field.js, sw.js) leave the phone with the session
// (SECURITY.md, offline copies): at sign-out the IndexedDB database and the field caches are
// deleted before the form posts; on a signed-out page any household package left behind goes.
(() => {
    const FIELD_DB = "congdongso-field";
    const WIPE_KEY = "cds-field-wipe";
    const UNSENT_KEY = "cds-field-unsent";
    const storage = {
        get: (key) => { try { return localStorage.getItem(key); } catch { return null; } },
        set: (key, value) => { try { localStorage.setItem(key, value); } catch { /* private mode */ } },
        remove: (key) => { try { localStorage.removeItem(key); } catch { /* private mode */ } },
    };
    const clearCaches = () => ("caches" in window
        ? caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith("cds-field-")).map((n) => caches.delete(n))))
        : Promise.resolve());
    const deleteDatabase = () => new Promise((resolve, reject) => {
        if (!("indexedDB" in window)) { resolve(); return; }
        const request = indexedDB.deleteDatabase(FIELD_DB);
        // "blocked" needs no handler: field.js closes its connection on versionchange.
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
    });
    // Marked first and unmarked last: a wipe cut short by the navigation is finished on the next page.
    const wipe = () => {
        storage.set(WIPE_KEY, "1");
        return Promise.all([deleteDatabase(), clearCaches()]).then(() => {
            storage.remove(WIPE_KEY);
            storage.remove(UNSENT_KEY);
        });
    };
    // Only the package of households and residents: unsent sessions wait for their author.
    const dropPackage = async () => {
        if (!("indexedDB" in window) || typeof indexedDB.databases !== "function") { return; }
        const names = (await indexedDB.databases()).map((d) => d.name);
        if (!names.includes(FIELD_DB)) { return; }
        const request = indexedDB.open(FIELD_DB);
        // Deleted meanwhile: never create an empty database in field.js's place.
        request.onupgradeneeded = () => request.transaction.abort();
        request.onerror = () => { };
        request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains("package")) { db.close(); return; }
            const tx = db.transaction("package", "readwrite");
            tx.objectStore("package").clear();
            tx.oncomplete = () => db.close();
        };
    };

    document.addEventListener("DOMContentLoaded", () => {
        if (storage.get(WIPE_KEY)) { wipe().catch(() => { }); }
        if (document.body.dataset.session === "none") {
            dropPackage().catch(() => { });
            clearCaches().catch(() => { });
        }
        document.querySelectorAll("form[data-sign-out]").forEach((form) => {
            form.addEventListener("submit", (event) => {
                event.preventDefault();
                const unsent = Number(storage.get(UNSENT_KEY) || 0);
                if (unsent > 0 && form.dataset.unsentWarning && !window.confirm(form.dataset.unsentWarning.replace("{0}", String(unsent)))) {
                    return;
                }
                // Signing out must never hang on a stuck wipe: the next page finishes it.
                const timeout = new Promise((resolve) => { setTimeout(resolve, 4000); });
                Promise.race([wipe(), timeout]).catch(() => { }).then(() => form.submit());
            });
        });
    });
})();
