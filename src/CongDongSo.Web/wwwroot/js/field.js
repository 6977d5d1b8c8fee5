// The member's offline field app (Features/Field/Index.cshtml). The households come from the
// package API into IndexedDB; sessions are queued in IndexedDB and sent when the signal returns.
// Vanilla ES2020, no framework: it has to start fast on a cheap phone over 3G.
(() => {
    "use strict";
    const root = document.getElementById("field-app");
    if (!root) { return; }

    // site.js deletes this database and the "cds-field-" caches on sign-out: keep the names in step.
    const DB_NAME = "congdongso-field";
    const DB_VERSION = 1;
    const CACHE_PREFIX = "cds-field-";
    const PACKAGE_URL = "/api/v1/field/package";
    const SYNC_URL = "/api/v1/sync/sessions";
    const BATCH_SIZE = 50;
    const LIST_LIMIT = 100;
    const PLACE_KEY = "cds-field-place";
    const UNSENT_KEY = "cds-field-unsent";
    const RETRY_FIRST_MS = 5000;
    const RETRY_MAX_MS = 5 * 60 * 1000;
    const DAY_MS = 24 * 60 * 60 * 1000;

    const $ = (selector, scope = root) => scope.querySelector(selector);
    const el = (tag, className, text) => {
        const node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined && text !== null) { node.textContent = text; }
        return node;
    };
    // Texts come from the page (data-t-*), translated by the server like every other page.
    const t = (key, ...args) => (root.dataset["t" + key] || key)
        .replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)] ?? ""));
    const itemNames = JSON.parse(root.dataset.items || "{}");

    const ui = {
        net: $("[data-testid=net-state]"),
        sync: $("[data-testid=sync-state]"),
        lastSync: $("[data-testid=last-sync]"),
        syncNow: $("[data-action=sync]"),
        message: $("[data-testid=field-message]"),
        listView: $("[data-view=list]"),
        search: $("#field-q"),
        households: $("[data-testid=households]"),
        outbox: $("[data-testid=outbox]"),
        form: $("[data-view=record]"),
        people: $(".field-people"),
        activities: $(".field-activities"),
        note: $("#field-note"),
        eventChoice: $("[data-event-choice]"),
        event: $("#field-event"),
        error: $("[data-record-error]"),
    };

    const state = {
        db: null,
        pkg: null,
        lastSyncAt: null,
        outbox: [],
        query: "",
        current: null,
        syncing: false,
        saving: false,
        retryDelay: RETRY_FIRST_MS,
        retryTimer: 0,
        leaving: false,
    };

    // ---- small helpers ------------------------------------------------------------------

    // Diacritic- and case-insensitive, like VietnameseText.Fold on the server.
    const fold = (s) => (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/đ/g, "d");

    const uuid = () => {
        if (window.crypto && typeof crypto.randomUUID === "function") { return crypto.randomUUID(); }
        // Older Android WebViews: RFC 4122 version 4 from getRandomValues.
        const b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    };

    const pad = (n) => String(Math.abs(n)).padStart(2, "0");
    // The phone's local time with its offset: the server keeps the instant, people read local time.
    const isoWithOffset = (d) => {
        const offset = -d.getTimezoneOffset();
        const sign = offset >= 0 ? "+" : "-";
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
            `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
    };
    const formatDate = (value) => {
        const d = new Date(value);
        return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
    };
    const formatDateTime = (value) => {
        const d = new Date(value);
        return `${formatDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
    };

    // ---- IndexedDB ---------------------------------------------------------------------

    const openDb = () => new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = () => {
            const db = request.result;
            // package: the offline copy (key "current"); outbox: unsent sessions by id;
            // batches: a batch with its idempotency key, stored before it is sent.
            for (const [name, keyPath] of [["package", "key"], ["outbox", "id"], ["batches", "key"]]) {
                if (!db.objectStoreNames.contains(name)) { db.createObjectStore(name, { keyPath }); }
            }
        };
        request.onsuccess = () => {
            const db = request.result;
            // Sign-out deletes the database (site.js): step aside instead of blocking it.
            db.onversionchange = () => {
                db.close();
                state.db = null;
            };
            resolve(db);
        };
        request.onerror = () => reject(request.error);
        request.onblocked = () => reject(new Error("blocked"));
    });

    const read = (store, method, ...args) => new Promise((resolve, reject) => {
        if (!state.db) { resolve(method === "getAll" ? [] : undefined); return; }
        const request = state.db.transaction(store).objectStore(store)[method](...args);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });

    // One transaction: resolves when it is committed, so "saved" means on the phone's disk.
    const write = (stores, work) => new Promise((resolve, reject) => {
        if (!state.db) { reject(new Error("closed")); return; }
        const tx = state.db.transaction(stores, "readwrite");
        work(tx);
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
        tx.onerror = () => reject(tx.error);
    });

    const savePackage = () => write(["package"], (tx) =>
        tx.objectStore("package").put({ key: "current", data: state.pkg, lastSyncAt: state.lastSyncAt }));

    const usePackage = (data, lastSyncAt) => {
        for (const h of data.households || []) {
            h.residents = h.residents || [];
            h.missing = h.missing || [];
            // Not enumerable: kept in memory for the search, never written back to IndexedDB.
            Object.defineProperty(h, "searchKey", {
                value: fold([h.code, h.address, h.neighbourhood, ...h.residents.map((r) => r.fullName)].join(" ")),
                enumerable: false,
                writable: true,
                configurable: true,
            });
        }
        state.pkg = data;
        state.lastSyncAt = lastSyncAt;
    };

    const clearCaches = async () => {
        if (!("caches" in window)) { return; }
        const names = await caches.keys();
        await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX)).map((n) => caches.delete(n)));
    };

    // ---- server ------------------------------------------------------------------------

    const refreshPackage = async () => {
        if (state.leaving) { return false; }
        let response;
        try {
            response = await fetch(PACKAGE_URL, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
        } catch {
            return false; // no signal after all: the stored copy stays in use
        }
        if (response.status === 401) {
            await signedOut();
            return false;
        }
        if (!response.ok) { return false; }
        usePackage(await response.json(), Date.now());
        await savePackage();
        hideMessage();
        render();
        return true;
    };

    // The server no longer accepts this session: signed out elsewhere, timed out, or the account
    // was disabled (SECURITY.md, offline copies). The households and residents and the cached
    // shell go at once. The unsent sessions stay, bound to their author: a session times out
    // after 30 idle minutes, so a morning's offline work would otherwise be lost on the first
    // send. They hold only ids, activity codes and the member's own notes, and they are sent
    // only once the same account signs in again (or deleted with the rest at sign-out).
    const signedOut = async () => {
        if (state.leaving) { return; }
        state.leaving = true;
        clearTimeout(state.retryTimer);
        try {
            await write(["package"], (tx) => tx.objectStore("package").clear());
            await clearCaches();
        } finally {
            window.location.assign("/account/sign-in?ReturnUrl=" + encodeURIComponent("/field"));
        }
    };

    const rejectAll = (tx, sessions, errors) => {
        const outbox = tx.objectStore("outbox");
        for (const session of sessions) {
            const request = outbox.get(session.id);
            request.onsuccess = () => {
                if (request.result) { outbox.put({ ...request.result, status: "rejected", errors }); }
            };
        }
    };

    // Each item is answered on its own: created or duplicate leave the phone, rejected stay,
    // flagged with the reason, until the member sends them again or deletes them.
    const applyAnswer = (batch, results) => write(["outbox", "batches"], (tx) => {
        const answers = new Map(results.map((r) => [String(r.id).toLowerCase(), r]));
        const outbox = tx.objectStore("outbox");
        for (const session of batch.sessions) {
            const answer = answers.get(session.id.toLowerCase());
            if (!answer) { continue; }
            if (answer.status === "created" || answer.status === "duplicate") {
                outbox.delete(session.id);
            } else {
                rejectAll(tx, [session], answer.errors || {});
            }
        }
        tx.objectStore("batches").delete(batch.key);
    });

    const rejectBatch = async (batch, response) => {
        let errors = { "": [t("ServerError", response.status)] };
        try {
            const problem = await response.json();
            if (problem && problem.errors) { errors = problem.errors; }
        } catch {
            // not JSON: the status says enough
        }
        await write(["outbox", "batches"], (tx) => {
            rejectAll(tx, batch.sessions, errors);
            tx.objectStore("batches").delete(batch.key);
        });
    };

    const scheduleRetry = () => {
        clearTimeout(state.retryTimer);
        state.retryTimer = window.setTimeout(() => { sync(); }, state.retryDelay);
        state.retryDelay = Math.min(state.retryDelay * 2, RETRY_MAX_MS);
    };

    const sync = async () => {
        const userId = state.pkg && state.pkg.user && state.pkg.user.id;
        // Who is signed in is known from the package; without it nothing is sent under a guess.
        if (state.syncing || state.leaving || !navigator.onLine || !state.db || !userId) { return; }
        state.syncing = true;
        clearTimeout(state.retryTimer);
        render();
        let created = 0;
        const sent = new Set();
        try {
            for (;;) {
                let batch = (await read("batches", "getAll")).find((b) => b.ownerId === userId);
                if (!batch) {
                    const items = (await read("outbox", "getAll"))
                        .filter((i) => i.status === "pending" && i.ownerId === userId && !sent.has(i.id))
                        .sort((a, b) => a.createdAt - b.createdAt)
                        .slice(0, BATCH_SIZE);
                    if (items.length === 0) { break; }
                    // The key is stored with the batch before the first send, so a retry after a
                    // lost answer sends the same key and the server answers from its record.
                    batch = { key: uuid(), ownerId: userId, createdAt: Date.now(), sessions: items.map((i) => i.session) };
                    await write(["batches"], (tx) => tx.objectStore("batches").put(batch));
                }
                batch.sessions.forEach((s) => sent.add(s.id));
                const response = await fetch(SYNC_URL, {
                    method: "POST",
                    credentials: "same-origin",
                    cache: "no-store",
                    headers: { "Content-Type": "application/json", Accept: "application/json" },
                    body: JSON.stringify({ idempotencyKey: batch.key, sessions: batch.sessions }),
                });
                if (response.status === 401) {
                    await signedOut();
                    return;
                }
                if (response.status === 408 || response.status === 429 || response.status >= 500) {
                    throw new Error("retry later");
                }
                if (!response.ok) {
                    await rejectBatch(batch, response);
                    continue;
                }
                const answer = await response.json();
                const results = answer.results || [];
                created += results.filter((r) => r.status === "created").length;
                await applyAnswer(batch, results);
                state.lastSyncAt = Date.now();
                if (state.pkg) { await savePackage(); }
            }
            state.retryDelay = RETRY_FIRST_MS;
        } catch {
            scheduleRetry();
        } finally {
            state.syncing = false;
            state.outbox = await read("outbox", "getAll");
            render();
        }
        if (created > 0) {
            await refreshPackage(); // the visits just sent change "last visit" and "missing"
        }
    };

    // ---- recording ---------------------------------------------------------------------

    const rememberedPlace = () => {
        try { return localStorage.getItem(PLACE_KEY) || "DoorToDoor"; } catch { return "DoorToDoor"; }
    };

    const showEventChoice = () => {
        const placeInput = ui.form.querySelector("input[name=place]:checked");
        ui.eventChoice.hidden = !(placeInput && placeInput.value === "Event" && (state.pkg.events || []).length > 0);
    };

    const openRecord = (householdId) => {
        const h = state.pkg.households.find((x) => x.id === householdId);
        if (!h) { return; }
        state.current = h;
        $("[data-household-title]", ui.form).textContent = h.code;
        $("[data-household-address]", ui.form).textContent = [h.address, h.neighbourhood].filter(Boolean).join(" · ");

        ui.people.replaceChildren();
        if (h.residents.length === 0) { ui.people.append(el("p", "muted", t("NoResidents"))); }
        for (const r of h.residents) {
            const label = el("label", "person");
            const box = el("input");
            box.type = "checkbox";
            box.value = r.id;
            // One resident: ticked already, one tap fewer.
            box.checked = h.residents.length === 1;
            const text = el("span", "person-name", r.fullName);
            label.append(box, text);
            if (r.birthYear) { label.append(el("span", "muted", t("Born", r.birthYear))); }
            // Each person's missing items fold under a count: the form stays short with a big household.
            const row = el("div", "person-row");
            row.append(label);
            if (r.missing && r.missing.length > 0) {
                const fold = el("details", "person-missing");
                fold.append(el("summary", null, t("MissingCount", r.missing.length)), tagsFor(r.missing, r.missing.length));
                row.append(fold);
            }
            ui.people.append(row);
        }

        // The likely activities first: those that record an item someone here still lacks. The rest
        // fold away, so the form stays short on a phone.
        ui.activities.replaceChildren();
        const lacking = new Set([...(h.missing || []), ...h.residents.flatMap((r) => r.missing || [])]);
        const chip = (a) => {
            const label = el("label", "chip");
            const box = el("input");
            box.type = "checkbox";
            box.value = a.code;
            label.append(box, el("span", null, a.name));
            return label;
        };
        const all = state.pkg.activities || [];
        const likely = all.filter((a) => a.item && lacking.has(a.item));
        const others = all.filter((a) => !likely.includes(a));
        for (const a of likely) { ui.activities.append(chip(a)); }
        if (others.length > 0) {
            const more = el("details", "more-activities");
            more.open = likely.length === 0;
            more.append(el("summary", null, t("OtherActivities", others.length)));
            for (const a of others) { more.append(chip(a)); }
            ui.activities.append(more);
        }
        const place = rememberedPlace();
        for (const radio of ui.form.querySelectorAll("input[name=place]")) { radio.checked = radio.value === place; }
        // The community events of the last days, for a session at one ("Sự kiện, ngày hội").
        ui.event.replaceChildren(el("option", null, "—"));
        ui.event.firstChild.value = "";
        for (const e of state.pkg.events || []) {
            const option = el("option", null, `${e.startsAt.slice(8, 10)}/${e.startsAt.slice(5, 7)} · ${e.title}`);
            option.value = e.id;
            ui.event.append(option);
        }
        showEventChoice();
        ui.note.value = "";
        ui.error.textContent = "";
        hideMessage();
        ui.listView.hidden = true;
        ui.form.hidden = false;
        window.scrollTo(0, 0);
    };

    const showList = () => {
        state.current = null;
        ui.form.hidden = true;
        ui.listView.hidden = false;
        render();
    };

    const save = async (event) => {
        event.preventDefault();
        const h = state.current;
        if (!h || state.saving) { return; }
        const residentIds = Array.from(ui.people.querySelectorAll("input:checked"), (i) => i.value);
        const activityCodes = Array.from(ui.activities.querySelectorAll("input:checked"), (i) => i.value);
        const placeInput = ui.form.querySelector("input[name=place]:checked");
        const place = placeInput ? placeInput.value : "DoorToDoor";
        if (h.residents.length > 0 && residentIds.length === 0) {
            ui.error.textContent = t("NeedResident");
            return;
        }
        if (activityCodes.length === 0) {
            ui.error.textContent = t("NeedActivity");
            return;
        }
        state.saving = true;
        try {
            const now = new Date();
            const id = uuid();
            const note = ui.note.value.trim();
            const item = {
                id,
                ownerId: state.pkg.user.id,
                createdAt: now.getTime(),
                status: "pending",
                errors: null,
                label: h.code,
                session: {
                    id,
                    occurredAt: isoWithOffset(now),
                    place,
                    householdId: h.id,
                    businessId: null,
                    residentIds,
                    memberIds: state.pkg.memberId ? [state.pkg.memberId] : [],
                    activityCodes,
                    note: note || null,
                    communityEventId: place === "Event" && ui.event.value ? ui.event.value : null,
                },
            };
            await write(["outbox"], (tx) => tx.objectStore("outbox").put(item));
            try { localStorage.setItem(PLACE_KEY, place); } catch { /* private mode: not remembered */ }
            state.outbox.push(item);
            // Visited now: the household moves to the "visited today" section at the end of the list.
            h.lastVisitAt = now.toISOString();
            await savePackage();
            showList();
            // Say what changed, person by person, as the server will record it.
            const outcomes = activityCodes.map((code) => ((state.pkg.activities || []).find((a) => a.code === code) || {}).outcome).filter(Boolean);
            const names = residentIds.map((rid) => (h.residents.find((r) => r.id === rid) || {}).fullName).filter(Boolean);
            const changes = outcomes.flatMap((o) => names.map((n) => `${o}: ${n}`));
            showMessage([t("Saved", h.code), ...changes].join(" · "), "flash");
        } finally {
            state.saving = false;
        }
        sync();
    };

    // ---- rendering ---------------------------------------------------------------------

    const showMessage = (text, kind = "notice") => {
        ui.message.textContent = text;
        ui.message.className = kind;
        ui.message.hidden = false;
    };
    const hideMessage = () => { ui.message.hidden = true; };

    // What is still missing, as small tags: the first few, then "+N" (a 360 px row stays short).
    const tagsFor = (codes, shown = 3) => {
        const tags = el("span", "tags");
        for (const code of codes.slice(0, shown)) { tags.append(el("span", "tag bad", itemNames[code] || code)); }
        if (codes.length > shown) { tags.append(el("span", "tag bad", `+${codes.length - shown}`)); }
        return tags;
    };

    const renderStatus = () => {
        const online = navigator.onLine;
        ui.net.textContent = online ? t("Online") : t("Offline");
        ui.net.classList.toggle("off", !online);
        const pending = state.outbox.filter((i) => i.status === "pending").length;
        const rejected = state.outbox.length - pending;
        const parts = [];
        if (pending > 0) { parts.push(t("Pending", pending)); }
        if (rejected > 0) { parts.push(t("RejectedCount", rejected)); }
        ui.sync.textContent = parts.length > 0 ? parts.join(" · ") : t("AllSent");
        ui.sync.classList.toggle("pending", parts.length > 0);
        ui.lastSync.textContent = state.syncing ? t("Sending")
            : state.lastSyncAt ? t("LastSync", formatDateTime(state.lastSyncAt)) : t("NeverSynced");
        ui.syncNow.hidden = !online || pending === 0 || state.syncing;
        // site.js warns before sign-out deletes unsent work; a count is all it needs to know.
        try { localStorage.setItem(UNSENT_KEY, String(state.outbox.length)); } catch { /* private mode */ }
    };

    const renderHouseholds = () => {
        ui.households.replaceChildren();
        if (!state.pkg) { return; }
        const q = fold(state.query.trim());
        const all = state.pkg.households || [];
        // A stable list: the order the package came in (oldest visit first), so a household does not
        // jump elsewhere once visited; today's visits move to their own section at the end.
        const today = formatDate(new Date());
        const visitedToday = (h) => !!h.lastVisitAt && formatDate(h.lastVisitAt) === today;
        const order = new Map(all.map((h, i) => [h.id, i]));
        const matches = all.filter((h) => !q || h.searchKey.includes(q)).sort((a, b) => order.get(a.id) - order.get(b.id));
        const shown = [...matches.filter((h) => !visitedToday(h)), ...matches.filter(visitedToday)];
        if (matches.length === 0) {
            ui.households.append(el("li", "muted", all.length === 0 ? t("NoHouseholds") : t("NoMatch")));
            return;
        }
        let todaySection = false;
        for (const h of shown.slice(0, LIST_LIMIT)) {
            if (visitedToday(h) && !todaySection) {
                todaySection = true;
                const heading = el("li", "section-heading", t("VisitedToday"));
                heading.dataset.testid = "visited-today";
                ui.households.append(heading);
            }
            const item = el("li");
            const button = el("button", "household");
            button.type = "button";
            button.dataset.id = h.id;
            button.append(el("span", "title", `${h.code} · ${h.address}`));
            const names = h.residents.map((r) => r.fullName).join(", ");
            if (names) { button.append(el("span", "people-names", names)); }
            const when = h.lastVisitAt ? t("LastVisit", formatDate(h.lastVisitAt)) : t("NeverVisited");
            button.append(el("span", "muted", [h.neighbourhood, when].filter(Boolean).join(" · ")));
            if (h.missing.length > 0) { button.append(tagsFor(h.missing)); }
            item.append(button);
            ui.households.append(item);
        }
        if (matches.length > LIST_LIMIT) {
            ui.households.append(el("li", "muted", t("More", matches.length - LIST_LIMIT)));
        }
    };

    const activityName = (code) => {
        const activity = state.pkg && (state.pkg.activities || []).find((a) => a.code === code);
        return activity ? activity.name : code;
    };

    const renderOutbox = () => {
        const list = $("ul", ui.outbox);
        list.replaceChildren();
        ui.outbox.hidden = state.outbox.length === 0;
        const userId = state.pkg && state.pkg.user && state.pkg.user.id;
        for (const item of [...state.outbox].sort((a, b) => b.createdAt - a.createdAt)) {
            const li = el("li");
            li.dataset.id = item.id;
            li.append(el("div", "title", `${item.label} · ${formatDateTime(item.session.occurredAt)}`));
            li.append(el("div", "muted", item.session.activityCodes.map(activityName).join(", ")));
            const foreign = userId && item.ownerId !== userId;
            if (item.status === "rejected" || foreign) {
                li.classList.add("rejected");
                li.append(el("span", "tag bad", t("Rejected")));
                const reasons = foreign ? [t("Foreign")] : Object.values(item.errors || {}).flat();
                for (const reason of reasons) { li.append(el("p", "field-error", reason)); }
                const actions = el("div", "actions");
                if (!foreign) {
                    const resend = el("button", null, t("Resend"));
                    resend.type = "button";
                    resend.dataset.action = "resend";
                    actions.append(resend);
                }
                const remove = el("button", null, t("Delete"));
                remove.type = "button";
                remove.dataset.action = "delete";
                actions.append(remove);
                li.append(actions);
            } else {
                li.append(el("span", "tag", t("Waiting")));
            }
            list.append(li);
        }
    };

    const render = () => {
        renderStatus();
        if (!ui.listView.hidden) {
            renderHouseholds();
            renderOutbox();
        }
    };

    // ---- start -------------------------------------------------------------------------

    const bind = () => {
        window.addEventListener("online", async () => {
            state.retryDelay = RETRY_FIRST_MS;
            render();
            await refreshPackage();
            await sync();
        });
        window.addEventListener("offline", render);
        document.addEventListener("visibilitychange", () => {
            if (document.visibilityState === "visible") { sync(); }
        });
        ui.search.addEventListener("input", () => {
            state.query = ui.search.value;
            renderHouseholds();
        });
        ui.households.addEventListener("click", (event) => {
            const button = event.target.closest("button.household");
            if (button) { openRecord(button.dataset.id); }
        });
        ui.form.addEventListener("submit", save);
        ui.form.addEventListener("change", (event) => { if (event.target.name === "place") { showEventChoice(); } });
        $("[data-action=cancel]", ui.form).addEventListener("click", showList);
        ui.syncNow.addEventListener("click", () => {
            state.retryDelay = RETRY_FIRST_MS;
            sync();
        });
        ui.outbox.addEventListener("click", async (event) => {
            const button = event.target.closest("button[data-action]");
            const li = button && button.closest("li[data-id]");
            if (!li) { return; }
            const item = state.outbox.find((i) => i.id === li.dataset.id);
            if (!item) { return; }
            if (button.dataset.action === "delete") {
                if (!window.confirm(t("ConfirmDelete"))) { return; }
                await write(["outbox"], (tx) => tx.objectStore("outbox").delete(item.id));
            } else {
                // Sent again on purpose, as a new batch: the member has read the reason.
                await write(["outbox"], (tx) => tx.objectStore("outbox").put({ ...item, status: "pending", errors: null }));
            }
            state.outbox = await read("outbox", "getAll");
            render();
            sync();
        });
    };

    const registerServiceWorker = () => {
        if ("serviceWorker" in navigator) {
            // The shell for starts without signal; the app still works online without it.
            navigator.serviceWorker.register("/sw.js", { scope: "/field" }).catch(() => { });
        }
    };

    const start = async () => {
        bind();
        registerServiceWorker();
        try {
            state.db = await openDb();
        } catch {
            renderStatus();
            showMessage(t("NoPackage"));
            return;
        }
        const stored = await read("package", "get", "current");
        if (stored) {
            const days = Number(stored.data.maxOfflineDays) || 7;
            if (Date.now() - stored.lastSyncAt > days * DAY_MS) {
                // Too long without a sync (SECURITY.md, offline copies): the households and
                // residents go. The outbox stays: it is the member's own unsent work, with no
                // names or addresses of residents, and it leaves the phone at the next sync.
                await write(["package"], (tx) => tx.objectStore("package").delete("current"));
                showMessage(t("Stale", days));
            } else {
                usePackage(stored.data, stored.lastSyncAt);
            }
        }
        state.outbox = await read("outbox", "getAll");
        render();
        if (navigator.onLine) {
            await refreshPackage();
            await sync();
        }
        if (!state.pkg && ui.message.hidden) { showMessage(t("NoPackage")); }
        root.dataset.ready = "true";
    };

    start();
})();
