/* The public map: markers from the GeoJSON feed; tiles are optional (markers still show). */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { scrollWheelZoom: false }).setView([39.5, -98.35], 4);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: element.dataset.attribution || ""
    }).addTo(map);
  }
  // Leaflet puts a string given to a tooltip or popup in as HTML: give it nodes whose text is set.
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }
  function popup(properties) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = properties.url;
    title.textContent = properties.title;
    var line = document.createElement("p");
    line.textContent = properties.date + " \u00b7 " + properties.place;
    box.appendChild(title);
    box.appendChild(line);
    return box;
  }
  fetch(element.dataset.geojson, { headers: { "Accept": "application/geo+json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, {
            radius: 7, color: "#8a1c1c", weight: 2, fillColor: "#d94f4f", fillOpacity: 0.85
          });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature.properties));
          marker.bindTooltip(text(feature.properties.title));
        }
      }).addTo(map);
      element.dataset.markers = String(data.features.length);
      if (data.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 9 }); }
    })
    .catch(function () { element.dataset.markers = "error"; });
}());
