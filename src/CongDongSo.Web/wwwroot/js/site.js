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
