/* Draws a network from the JSON endpoint named in data-url with the vendored Cytoscape. */
(function () {
  "use strict";
  var box = document.getElementById("network-graph");
  if (!box || typeof cytoscape === "undefined") { return; }
  var colours = {
    firm_sme: "#0072B2", firm_large: "#0072B2", investor: "#0072B2",
    university: "#E69F00", research: "#009E73", public: "#CC79A7", agency: "#CC79A7"
  };
  fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var most = 1;
      data.nodes.forEach(function (n) { most = Math.max(most, n.degree || 0); });
      var heaviest = 1;
      data.edges.forEach(function (e) { heaviest = Math.max(heaviest, e.weight || 1); });
      var elements = data.nodes.map(function (n) {
        return { data: {
          id: n.id, label: n.name, url: n.url || "", ego: n.ego ? 1 : 0,
          colour: colours[n.type] || "#999999", size: 16 + 34 * (n.degree || 0) / most
        } };
      }).concat(data.edges.map(function (e) {
        return { data: { id: "e" + e.id, source: e.source, target: e.target,
                         width: 1 + 5 * (e.weight || 1) / heaviest } };
      }));
      var cy = cytoscape({
        container: box,
        elements: elements,
        minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.2,
        layout: { name: elements.length > 600 ? "grid" : "cose", animate: false, padding: 20 },
        style: [
          { selector: "node", style: {
            "background-color": "data(colour)", width: "data(size)", height: "data(size)",
            label: "data(label)", "font-size": 9, "text-valign": "bottom", "text-margin-y": 3,
            "text-wrap": "ellipsis", "text-max-width": 120, color: "#1d2733" } },
          { selector: "node[ego = 1]", style: { "border-width": 3, "border-color": "#1d2733" } },
          { selector: "edge", style: { width: "data(width)", "line-color": "#b8c2cc", opacity: 0.8 } },
          { selector: "node:selected", style: { "border-width": 3, "border-color": "#b3261e" } }
        ]
      });
      cy.on("tap", "node", function (event) {
        var url = event.target.data("url");
        if (url) { window.location.href = url; }
      });
      box.dataset.ready = "1";
    })
    .catch(function () { box.textContent = box.getAttribute("aria-label"); });
}());
