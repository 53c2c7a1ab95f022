// Parley console, Usage page: draws the cost-by-day chart from the page's JSON data block. The same figures are in
// the table under it, so the page says everything without this file.
(function () {
  "use strict";

  function draw() {
    var canvas = document.getElementById("usage-chart");
    var source = document.getElementById("usage-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var money = new Intl.NumberFormat(undefined, { style: "currency", currency: data.currency, maximumFractionDigits: 4 });
    var day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.days.map(function (d) { return day.format(new Date(d.date + "T00:00:00Z")); }),
        datasets: [{
          label: "Cost",
          data: data.days.map(function (d) { return Number(d.cost); }),
          backgroundColor: "#3b4fd8",
          borderRadius: 4,
          maxBarThickness: 28
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 300 },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                var d = data.days[item.dataIndex];
                return money.format(Number(d.cost)) + " · " + d.inputTokens.toLocaleString() + " in / "
                  + d.outputTokens.toLocaleString() + " out";
              }
            }
          }
        },
        scales: {
          y: { beginAtZero: true, ticks: { callback: function (v) { return money.format(v); } } },
          x: { grid: { display: false } }
        }
      }
    });
    canvas.closest(".chart-box").classList.add("drawn");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
