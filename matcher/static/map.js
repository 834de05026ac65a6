/* The public map: state outlines (and, zoomed in, county outlines) drawn from the vendored
   us-atlas boundaries, under markers from the GeoJSON feed. Works offline: tiles are an optional
   setting (data-tiles), drawn below the outlines when configured. */
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || typeof L === "undefined") { return; }
  var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.5 }).setView([39.5, -98.35], 4);
  map.createPane("outlines");
  map.getPane("outlines").style.zIndex = 350;  // above tiles (200), below markers (400)
  map.getPane("outlines").style.pointerEvents = "none";
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 18,
      attribution: element.dataset.attribution || ""
    }).addTo(map);
  } else {
    element.classList.add("offline");
  }
  map.attributionControl.addAttribution(element.dataset.outlinesCredit || "");

  function outlines(url, object, style) {
    return fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        var shapes = topojson.feature(topology, topology.objects[object]);
        return L.geoJSON(shapes, { pane: "outlines", interactive: false, style: style });
      });
  }
  var hasTopojson = typeof topojson !== "undefined";
  if (hasTopojson && element.dataset.states) {
    outlines(element.dataset.states, "states", {
      color: "#5c6b7a", weight: 1.2, fillColor: "#fbfaf7", fillOpacity: element.dataset.tiles ? 0 : 1
    }).then(function (layer) {
      layer.addTo(map);
      element.dataset.outlines = String(layer.getLayers().length);
    }).catch(function () { element.dataset.outlines = "error"; });
  }
  var counties = null;
  var countiesLoading = false;
  function showCounties() {
    if (!hasTopojson || !element.dataset.counties) { return; }
    var zoomedIn = map.getZoom() >= 7;
    if (zoomedIn && !counties && !countiesLoading) {
      countiesLoading = true;
      outlines(element.dataset.counties, "counties", {
        color: "#9aa5b1", weight: 0.6, fill: false
      }).then(function (layer) {
        counties = layer;
        element.dataset.counties_shown = String(layer.getLayers().length);
        showCounties();
      }).catch(function () { countiesLoading = false; });
      return;
    }
    if (counties) {
      if (zoomedIn && !map.hasLayer(counties)) { counties.addTo(map); }
      if (!zoomedIn && map.hasLayer(counties)) { map.removeLayer(counties); }
    }
  }
  map.on("zoomend", function () {
    element.dataset.zoom = String(map.getZoom());
    showCounties();
  });

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
      map.invalidateSize();
      if (data.features.length) { map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 9 }); }
    })
    .catch(function () { element.dataset.markers = "error"; });
}());
