import "../styles/theme.css";
import { mount } from "svelte";
import Embed from "./Embed.svelte";

mount(Embed, { target: document.getElementById("app")! });
