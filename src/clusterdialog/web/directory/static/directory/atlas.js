/* Cluster atlas: Kreis shapes shaded by the number of initiatives, one marker per initiative.
   Reads atlas/daten.json (URL in data-url of #atlas-map); no tiles, no external requests. */
(function () {
  "use strict";
  var element = document.getElementById("atlas-map");
  if (!element || typeof L === "undefined") { return; }
  var labels = JSON.parse(document.getElementById("atlas-labels").textContent);
  var colours = ["#f1f5f8", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function shade(count, maximum) {
    if (!count) { return colours[0]; }
    var step = Math.ceil((count / maximum) * (colours.length - 1));
    return colours[Math.min(Math.max(step, 1), colours.length - 1)];
  }
  function legend(maximum) {
    var box = document.getElementById("atlas-legend");
    var parts = ["<span>" + escapeHtml(labels.legend) + "</span>"];
    var steps = maximum > 1 ? [0, 1, maximum] : [0, 1];
    steps.forEach(function (count) {
      parts.push("<span><span class=\"swatch\" style=\"background:" + shade(count, maximum) +
        "\"></span>" + count + "</span>");
    });
    box.innerHTML = parts.join("");
    box.hidden = false;
  }

  fetch(element.dataset.url, {credentials: "same-origin"})
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var map = L.map(element, {zoomSnap: 0.25, attributionControl: true});
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(escapeHtml(data.credit));
      var maximum = Math.max(1, Math.max.apply(null, data.regions.map(function (r) { return r.initiatives; })));
      var shapes = L.geoJSON({
        type: "FeatureCollection",
        features: data.regions.filter(function (r) { return r.geometry; }).map(function (r) {
          return {type: "Feature", geometry: r.geometry, properties: r};
        })
      }, {
        style: function (feature) {
          return {color: "#5b6673", weight: 1, fillOpacity: 0.85,
                  fillColor: shade(feature.properties.initiatives, maximum)};
        },
        onEachFeature: function (feature, layer) {
          layer.bindTooltip(escapeHtml(feature.properties.name) + ": " +
            feature.properties.initiatives + " " + escapeHtml(labels.initiatives));
        }
      }).addTo(map);
      if (shapes.getLayers().length) { map.fitBounds(shapes.getBounds()); } else { map.setView([48.6, 9.0], 7); }
      legend(maximum);
      data.initiatives.forEach(function (item) {
        if (item.latitude === null || item.longitude === null) { return; }
        var marker = L.marker([item.latitude, item.longitude], {
          icon: L.divIcon({className: "atlas-marker", iconSize: [14, 14]}),
          title: item.name, alt: item.name, keyboard: true
        }).addTo(map);
        marker.bindPopup("<a href=\"" + escapeHtml(item.url) + "\">" + escapeHtml(item.name) + "</a>" +
          (item.fields.length ? "<br>" + escapeHtml(item.fields.join(", ")) : ""));
        var icon = marker.getElement();
        if (icon) { icon.setAttribute("data-initiative", item.slug); }
      });
      element.setAttribute("data-loaded", "true");
    })
    .catch(function () {
      element.textContent = labels.failed;
    });
})();
