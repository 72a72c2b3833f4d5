/* The page of `replylint serve`: a textarea over a mirrored highlight layer.
 *
 * The server's offsets count code points (Python); a JavaScript string counts UTF-16
 * units, so every offset is converted once when an answer arrives. While the agent types,
 * the remarks already shown move with the text (or drop where it changed) until the next
 * answer replaces them. */
(function () {
  "use strict";

  const DEBOUNCE_MS = 250;
  const SEVERITY = { error: "ошибка", warning: "предупреждение", suggestion: "совет" };
  const RANK = { error: 3, warning: 2, suggestion: 1 };

  const $ = (id) => document.getElementById(id);
  const draft = $("draft"), client = $("client"), highlights = $("highlights"), backdrop = $("backdrop");
  const list = $("remarks"), popover = $("popover"), statusEl = $("status"), banner = $("banner");

  let rules = {};
  let categories = {};
  let remarks = [];          // diagnostics with UTF-16 offsets: {d, s, e, fixes: [{text, s, e}], id}
  let active = null;         // the remark shown in the popover
  let timer = null, inFlight = null, sequence = 0, lastText = draft.value, hideTimer = null;
  let token = sessionStorage.getItem("replylint-token") || "";

  // ------------------------------------------------------------ offsets

  function codePointToUnit(text) {
    const map = [0];
    let unit = 0;
    for (const ch of text) { unit += ch.length; map.push(unit); }
    return (cp) => map[Math.min(cp, map.length - 1)];
  }

  // ------------------------------------------------------------ checking

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(check, delay === undefined ? DEBOUNCE_MS : delay);
  }

  async function check() {
    const text = draft.value;
    if (!text.trim()) { setRemarks([], text); setStatus("idle", "Готов к проверке"); return; }
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    const mine = ++sequence;
    setStatus("busy", "Проверяю…");
    const started = performance.now();
    const body = { text: text };
    if (client.value.trim()) body.client = client.value;
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    let response, data;
    try {
      response = await fetch("/api/check", { method: "POST", headers, body: JSON.stringify(body), signal: controller.signal });
      data = await response.json().catch(() => ({}));
    } catch (error) {
      if (error.name === "AbortError") return;
      showError("Нет связи с сервером replylint. Проверьте, что он запущен.", true);
      return;
    }
    if (mine !== sequence || draft.value !== text) return;  // a newer check is on its way
    inFlight = null;
    if (response.status === 401) { $("token-form").hidden = false; showError("Серверу нужен токен доступа.", false); return; }
    if (!response.ok) { showError(data.message || ("Ошибка сервера: " + response.status), response.status >= 500); return; }
    hideError();
    $("token-form").hidden = true;
    setRemarks(data.diagnostics || [], text);
    showScore(data.score);
    const ms = Math.round(performance.now() - started);
    setStatus("ok", remarks.length ? "Проверено" : "Всё чисто");
    $("counts").textContent = wordCount(text) + " · проверено за " + ms + " мс";
  }

  function setRemarks(diagnostics, text) {
    const unit = codePointToUnit(text);
    remarks = diagnostics.map((d, index) => ({
      d: d, id: index, s: unit(d.start), e: unit(d.end),
      fixes: (d.suggestions || []).filter((s) => s.kind === "replace" && s.start !== null && s.start !== undefined)
        .map((s) => ({ text: s.text, s: unit(s.start), e: unit(s.end) })),
      advice: (d.suggestions || []).filter((s) => s.kind === "advice").map((s) => s.text),
    }));
    if (active && !remarks.some((r) => sameRemark(r, active))) closePopover();
    else if (active) active = remarks.find((r) => sameRemark(r, active));
    render();
  }

  function sameRemark(a, b) { return a.d.rule === b.d.rule && a.s === b.s && a.e === b.e; }

  // While typing: keep the remarks that the edit did not touch, moved by it.
  function followEdit(before, after) {
    let prefix = 0;
    const shortest = Math.min(before.length, after.length);
    while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
    let suffix = 0;
    while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
    const changedEnd = before.length - suffix, delta = after.length - before.length;
    const move = (x) => (x >= changedEnd ? x + delta : x);
    const untouched = (s, e) => e <= prefix || s >= changedEnd;
    remarks = remarks.filter((r) => untouched(r.s, r.e)).map((r) => Object.assign(r, {
      s: move(r.s), e: move(r.e),
      fixes: r.fixes.filter((f) => untouched(f.s, f.e)).map((f) => ({ text: f.text, s: move(f.s), e: move(f.e) })),
    }));
    if (active && !remarks.includes(active)) closePopover();
    render();
  }

  // ------------------------------------------------------------ drawing

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  }

  function render() {
    drawHighlights();
    drawList();
    resize();
  }

  function drawHighlights() {
    const text = draft.value;
    const points = new Set([0, text.length]);
    for (const r of remarks) { points.add(r.s); points.add(r.e); }
    const cuts = [...points].filter((p) => p <= text.length).sort((a, b) => a - b);
    let html = "";
    for (let i = 0; i + 1 < cuts.length; i++) {
      const s = cuts[i], e = cuts[i + 1];
      const piece = escapeHtml(text.slice(s, e));
      const covering = remarks.filter((r) => r.s <= s && e <= r.e && r.s < r.e);
      if (!covering.length) { html += piece; continue; }
      const worst = covering.reduce((a, b) => (RANK[b.d.severity] > RANK[a.d.severity] ? b : a));
      const isActive = active && covering.includes(active);
      html += '<mark class="sev-' + worst.d.severity + (isActive ? " active" : "") + '" data-ids="' +
        covering.map((r) => r.id).join(" ") + '">' + piece + "</mark>";
    }
    highlights.innerHTML = html + "\n";  // (a last empty line must have height, as in the textarea)
  }

  function drawList() {
    list.innerHTML = "";
    const hasText = draft.value.trim() !== "";
    $("empty").hidden = hasText;
    $("clean").hidden = !hasText || remarks.length > 0 || statusEl.classList.contains("status-busy") || !banner.hidden;
    const count = $("remarks-count");
    count.hidden = remarks.length === 0;
    count.textContent = remarks.length;
    for (const r of [...remarks].sort((a, b) => a.s - b.s)) {
      const item = document.createElement("li");
      item.className = "remark sev-" + r.d.severity + (r === active ? " active" : "");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "remark-body";
      const info = rules[r.d.rule] || {};
      button.innerHTML =
        '<span class="remark-meta">' + escapeHtml((info.category_title || categories[r.d.category] || r.d.category) +
        " · " + (SEVERITY[r.d.severity] || r.d.severity)) + "</span>" +
        '<span class="remark-message">' + escapeHtml(r.d.message) + "</span>" +
        '<span class="remark-quote">«' + escapeHtml(draft.value.slice(r.s, r.e)) + "»</span>";
      button.setAttribute("aria-label", (SEVERITY[r.d.severity] || "") + ": " + r.d.message);
      button.addEventListener("click", () => { select(r, true); openPopover(r); });
      button.addEventListener("focus", () => select(r, false));
      item.appendChild(button);
      if (r.fixes.length) item.appendChild(fixButtons(r));
      list.appendChild(item);
    }
  }

  function fixButtons(r) {
    const box = document.createElement("div");
    box.className = "fixes";
    const seen = new Set();
    for (const f of r.fixes) {
      const after = draft.value.slice(f.s, f.e) + "→" + f.text;
      if (seen.has(after)) continue;
      seen.add(after);
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.innerHTML = '<span class="arrow">→</span>' + escapeHtml(f.text || "(убрать)");
      button.title = "Заменить «" + draft.value.slice(f.s, f.e) + "» на «" + f.text + "»";
      button.setAttribute("aria-label", button.title);
      button.addEventListener("click", () => apply(f));
      box.appendChild(button);
    }
    return box;
  }

  function resize() {
    draft.style.height = "auto";
    draft.style.height = Math.max(draft.scrollHeight + 2, 320) + "px";
    backdrop.scrollTop = draft.scrollTop;
  }

  function wordCount(text) {
    const n = (text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu) || []).length;
    const ten = n % 10, hundred = n % 100;
    const word = ten === 1 && hundred !== 11 ? "слово" : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? "слова" : "слов";
    return n + " " + word;
  }

  // ------------------------------------------------------------ popover

  function select(r, scroll) {
    active = r;
    drawHighlights();
    for (const item of list.children) item.classList.remove("active");
    const index = [...remarks].sort((a, b) => a.s - b.s).indexOf(r);
    if (list.children[index]) list.children[index].classList.add("active");
    if (scroll) {
      const mark = markOf(r);
      if (mark) mark.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function markOf(r) {
    return [...highlights.querySelectorAll("mark")].find((m) => m.dataset.ids.split(" ").includes(String(r.id)));
  }

  function openPopover(r) {
    select(r, false);
    const info = rules[r.d.rule] || {};
    popover.className = "popover sev-" + r.d.severity;
    $("popover-category").textContent = info.category_title || categories[r.d.category] || r.d.category;
    $("popover-rule").textContent = r.d.rule;
    $("popover-title").textContent = r.d.message;
    const fixes = $("popover-fixes");
    fixes.replaceWith(Object.assign(fixButtons(r), { id: "popover-fixes" }));
    $("popover-advice").textContent = r.advice.join(" ");
    $("popover-explanation").textContent = info.explanation || "";
    $("popover-quote").textContent = info.quote || "";
    $("popover-source").textContent = info.source ? "Источник: " + info.source : "";
    $("popover-why").hidden = !info.explanation;
    popover.hidden = false;
    const mark = markOf(r);
    const rect = (mark || draft).getBoundingClientRect();
    const width = popover.offsetWidth;
    const left = Math.min(Math.max(8, rect.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
    popover.style.left = left + "px";
    popover.style.top = (rect.bottom + window.scrollY + 8) + "px";
  }

  function closePopover() {
    popover.hidden = true;
    active = null;
    drawHighlights();
    for (const item of list.children) item.classList.remove("active");
  }

  function remarkAt(offset) {
    const covering = remarks.filter((r) => r.s <= offset && offset <= r.e && r.s < r.e);
    return covering.sort((a, b) => RANK[b.d.severity] - RANK[a.d.severity])[0] || null;
  }

  // The marks lie under the textarea (which takes the pointer), so hit-test their boxes.
  function remarkUnderPointer(event) {
    for (const mark of highlights.querySelectorAll("mark")) {
      for (const box of mark.getClientRects()) {
        if (event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom) {
          const ids = mark.dataset.ids.split(" ").map(Number);
          const covering = remarks.filter((r) => ids.includes(r.id));
          return covering.sort((a, b) => RANK[b.d.severity] - RANK[a.d.severity])[0] || null;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------ applying

  function apply(fix) {
    const before = draft.value;
    draft.focus();
    draft.setSelectionRange(fix.s, fix.e);
    // insertText keeps the browser's undo (Ctrl+Z) working; setRangeText where it is missing
    if (!document.execCommand || !document.execCommand("insertText", false, fix.text)) {
      draft.setRangeText(fix.text, fix.s, fix.e, "end");
    }
    if (draft.value === before && fix.text !== before.slice(fix.s, fix.e)) {
      draft.value = before.slice(0, fix.s) + fix.text + before.slice(fix.e);
    }
    closePopover();
    followEdit(before, draft.value);
    lastText = draft.value;
    schedule(0);
  }

  // ------------------------------------------------------------ state

  function setStatus(kind, text) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = text;
    if (kind !== "busy") drawList();
  }

  function showError(message, retry) {
    setStatus("error", "Ошибка");
    banner.innerHTML = "<span>" + escapeHtml(message) + "</span>";
    if (retry) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Повторить";
      button.addEventListener("click", () => check());
      banner.appendChild(button);
    }
    banner.hidden = false;
    drawList();
  }

  function hideError() { banner.hidden = true; }

  function showScore(score) {
    const el = $("score");
    if (score === undefined || score === null) { el.hidden = true; return; }
    el.hidden = false;
    // as `check` prints it: «оценка 4,2 из 10» (a decimal comma, one digit)
    el.textContent = "Оценка ответа: " + score.toLocaleString("ru-RU", {minimumFractionDigits: 1, maximumFractionDigits: 1}) + " из 10";
  }

  // ------------------------------------------------------------ events

  draft.addEventListener("input", () => {
    followEdit(lastText, draft.value);
    lastText = draft.value;
    $("counts").textContent = wordCount(draft.value);
    schedule();
  });
  draft.addEventListener("scroll", () => { backdrop.scrollTop = draft.scrollTop; });
  client.addEventListener("input", () => schedule());

  function caretMoved() {
    if (draft.selectionStart !== draft.selectionEnd) return;
    const r = remarkAt(draft.selectionStart);
    if (r) openPopover(r); else if (active) closePopover();
  }
  draft.addEventListener("click", caretMoved);
  draft.addEventListener("keyup", (event) => {
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key)) caretMoved();
  });
  draft.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !popover.hidden) { event.preventDefault(); closePopover(); }
    if (event.key === "Enter" && event.altKey) {
      const r = active || remarkAt(draft.selectionStart);
      if (r && r.fixes.length) { event.preventDefault(); apply(r.fixes[0]); }
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !popover.hidden) { closePopover(); draft.focus(); }
  });

  draft.addEventListener("mousemove", (event) => {
    const r = remarkUnderPointer(event);
    if (r) { clearTimeout(hideTimer); if (r !== active || popover.hidden) openPopover(r); }
    else if (!popover.hidden) { clearTimeout(hideTimer); hideTimer = setTimeout(closePopover, 400); }
  });
  draft.addEventListener("mouseleave", () => { if (!popover.hidden) hideTimer = setTimeout(closePopover, 400); });
  popover.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  popover.addEventListener("mouseleave", () => { hideTimer = setTimeout(closePopover, 400); });
  document.addEventListener("mousedown", (event) => {
    if (!popover.hidden && !popover.contains(event.target) && event.target !== draft && !list.contains(event.target)) closePopover();
  });
  window.addEventListener("resize", () => { resize(); if (active) openPopover(active); });

  $("clear").addEventListener("click", () => {
    draft.value = ""; lastText = ""; remarks = []; closePopover(); render(); check(); draft.focus();
  });
  $("copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(draft.value); setStatus("ok", "Текст скопирован"); }
    catch (error) { draft.select(); document.execCommand("copy"); setStatus("ok", "Текст скопирован"); }
  });
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    sessionStorage.setItem("replylint-token", token);
    loadRules();
    check();
  });

  async function loadRules() {
    try {
      const response = await fetch("/api/rules", { headers: token ? { Authorization: "Bearer " + token } : {} });
      if (!response.ok) return;
      const data = await response.json();
      rules = data.rules || {};
      categories = data.categories || {};
      render();
    } catch (error) { /* the check itself reports a server that is not there */ }
  }

  loadRules();
  render();
  if (draft.value.trim()) schedule(0);
})();
