/*
 * 现场检查清单（事中登记）离线登记：检查地点常在地下室、工地，手机信号时有时无。
 *
 * 每次登记（选择“合格/不合格/不涉及”或写完说明）成为一条记录，带一个在手机上生成的随机幂等键，
 * 先存入本机 localStorage，再按顺序发送；没有网络时留在本机，网络恢复（online 事件）或每隔一段时间
 * 重发。服务器对同一个键只接受一次，所以重发不会重复登记；发送成功的记录才从本机删除。
 * 不依赖任何外部脚本。
 *
 * 页面约定：<form data-offline-checklist data-endpoint="…" data-storage-key="…">，每个检查要点一行
 * <fieldset data-item="项目编号">，内含 name="result-<编号>" 的单选按钮和 name="note-<编号>" 的文本框；
 * <output data-sync-status> 显示状态；CSRF 令牌取自表单中的 csrfmiddlewaretoken。
 */
(function () {
  "use strict";

  var RETRY_MS = 15000;

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); })
      .join("");
  }

  function Checklist(form) {
    this.form = form;
    this.endpoint = form.getAttribute("data-endpoint");
    this.storageKey = "zhifa.checklist." + form.getAttribute("data-storage-key");
    this.status = form.querySelector("[data-sync-status]");
    this.sending = false;
    var saved = this.load();
    this.queue = saved.queue;
    this.values = saved.values;
    this.rejected = [];
  }

  Checklist.prototype.load = function () {
    try {
      var raw = window.localStorage.getItem(this.storageKey);
      var data = raw ? JSON.parse(raw) : null;
      if (data && Array.isArray(data.queue)) {
        return { queue: data.queue, values: data.values || {} };
      }
    } catch (e) { /* a damaged store starts afresh */ }
    return { queue: [], values: {} };
  };

  Checklist.prototype.save = function () {
    window.localStorage.setItem(
      this.storageKey, JSON.stringify({ queue: this.queue, values: this.values })
    );
  };

  Checklist.prototype.token = function () {
    var input = this.form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };

  Checklist.prototype.show = function () {
    if (!this.status) { return; }
    var text;
    if (this.queue.length) {
      text = (navigator.onLine ? "正在发送，" : "当前无网络，") +
        "本机保存了" + this.queue.length + "条登记待发送，网络恢复后自动发送";
    } else {
      text = "全部登记已发送";
    }
    if (this.rejected.length) {
      text += "；" + this.rejected.length + "条未被接受：" + this.rejected.join("；");
    }
    this.status.textContent = text;
    this.form.setAttribute("data-pending", String(this.queue.length));
  };

  Checklist.prototype.read = function (item) {
    var row = this.form.querySelector('[data-item="' + item + '"]');
    var checked = row.querySelector('input[name="result-' + item + '"]:checked');
    var note = row.querySelector('[name="note-' + item + '"]');
    return { result: checked ? checked.value : "", note: note ? note.value : "" };
  };

  /* Put back what this phone entered and has not yet seen accepted (after a reload offline). */
  Checklist.prototype.restore = function () {
    var self = this;
    Object.keys(this.values).forEach(function (item) {
      var row = self.form.querySelector('[data-item="' + item + '"]');
      if (!row) { return; }
      var value = self.values[item];
      var radio = row.querySelector(
        'input[name="result-' + item + '"][value="' + value.result + '"]'
      );
      if (radio) { radio.checked = true; }
      var note = row.querySelector('[name="note-' + item + '"]');
      if (note) { note.value = value.note; }
    });
  };

  Checklist.prototype.record = function (item) {
    var value = this.read(item);
    if (!value.result) { return; }
    var row = this.form.querySelector('[data-item="' + item + '"]');
    var hint = row.querySelector("[data-note-hint]");
    if (value.result === "fail" && !value.note.trim()) {
      /* 不合格须写明情况: wait for the note, then send both together */
      if (hint) { hint.hidden = false; }
      return;
    }
    if (hint) { hint.hidden = true; }
    this.queue.push({
      key: newKey(),
      item: Number(item),
      result: value.result,
      note: value.note,
      entered_at: new Date().toISOString()
    });
    this.values[item] = value;
    this.save();
    this.show();
    this.flush();
  };

  Checklist.prototype.flush = function () {
    var self = this;
    if (this.sending || !this.queue.length || !navigator.onLine) {
      this.show();
      return;
    }
    this.sending = true;
    var entry = this.queue[0];
    window.fetch(this.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": this.token()
      },
      body: JSON.stringify(entry)
    }).then(function (response) {
      if (response.ok) {
        self.done(entry);
        return null;
      }
      if (response.status === 400) {
        return response.json().then(function (body) {
          self.rejected.push((body && body.detail) || "登记内容有误");
          self.done(entry);
        });
      }
      throw new Error("HTTP " + response.status);
    }).then(function () {
      self.sending = false;
      self.flush();
    }).catch(function () {
      self.sending = false; /* kept; sent again when the connection returns */
      self.show();
    });
  };

  Checklist.prototype.done = function (entry) {
    this.queue = this.queue.filter(function (e) { return e.key !== entry.key; });
    var pendingForItem = this.queue.some(function (e) { return e.item === entry.item; });
    if (!pendingForItem) { delete this.values[String(entry.item)]; }
    this.save();
    this.show();
  };

  Checklist.prototype.start = function () {
    var self = this;
    this.restore();
    this.form.addEventListener("change", function (event) {
      var row = event.target.closest("[data-item]");
      if (row) { self.record(row.getAttribute("data-item")); }
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("online", function () { self.flush(); });
    window.addEventListener("offline", function () { self.show(); });
    window.setInterval(function () { self.flush(); }, RETRY_MS);
    this.show();
    this.flush();
  };

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-offline-checklist]");
    Array.prototype.forEach.call(forms, function (form) { new Checklist(form).start(); });
  });
})();
