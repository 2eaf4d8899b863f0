// The demo chat's own logic, like a chat site's: Enter or the Send button
// submits the composer, which "sends" the prompt by listing it.
"use strict";

const composer = document.getElementById("composer");
const prompt = document.getElementById("prompt");
const sent = document.getElementById("sent");

prompt.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) {
    event.preventDefault();
    composer.requestSubmit();
  }
});

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = prompt.value;
  if (text.trim() === "") return;
  const item = document.createElement("li");
  item.textContent = text;
  sent.append(item);
  prompt.value = "";
});
