document.querySelector('#app')!.textContent = 'EduSphere Desktop'
